package main
import (
 _ "github.com/gin-gonic/gin"
 _ "github.com/go-echarts/go-echarts/v2/charts"
 _ "github.com/jdkato/prose/v3/tokenize"
 _ "modernc.org/sqlite"
 _ "gopkg.in/yaml.v3"
 _ "github.com/chromedp/chromedp"
 _ "golang.org/x/term"
)
func main(){}
