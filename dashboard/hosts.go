package dashboard

import (
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// LoopbackAddr reports whether a listen address (host:port) is on the
// loopback interface only: localhost or an address of 127.0.0.0/8 or ::1.
// An address without a host (":8080") listens on every interface.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	return loopbackName(host)
}

// loopbackName reports whether host (no port) is localhost or a loopback
// address.
func loopbackName(host string) bool {
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostOf returns the host of a Host header, without its port.
func hostOf(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return hostport
}

// checkHost refuses, with 421 Misdirected Request, a request whose Host is
// not one the dashboard answers to, when it listens on loopback only. A
// page of another site that a browser was tricked into sending here (DNS
// rebinding: the site's name made to resolve to 127.0.0.1) carries that
// site's name as its Host, and so can neither read a page nor upload.
// Config.AllowedHosts names the hosts a proxy in front may use.
func (s *server) checkHost(c *gin.Context) {
	if !s.cfg.LoopbackOnly || s.allowedHost(c.Request.Host) {
		c.Next()
		return
	}
	s.fail(c, http.StatusMisdirectedRequest, "This dashboard answers to localhost only; start it with -allow-host NAME to reach it by another name.", nil)
}

// allowedHost reports whether a Host header names a loopback host or one of
// Config.AllowedHosts (compared without case; an allowed name without a
// port allows every port).
func (s *server) allowedHost(hostport string) bool {
	host := hostOf(hostport)
	if host == "" {
		return false
	}
	if loopbackName(host) {
		return true
	}
	for _, a := range s.cfg.AllowedHosts {
		if strings.EqualFold(a, hostport) || strings.EqualFold(strings.TrimSuffix(a, "."), strings.TrimSuffix(host, ".")) {
			return true
		}
	}
	return false
}
