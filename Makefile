# amendlens build helpers.
#
# assets fetches the ECharts build that go-echarts v2.6.7 targets (echarts
# 5.4.3) from its npm package into templates/static/, where the binary embeds
# and serves it at /static/echarts.min.js. The file is not committed; the
# target does nothing when it is already there.

ECHARTS_VERSION := 5.4.3
ECHARTS_JS := templates/static/echarts.min.js

.PHONY: assets
assets: $(ECHARTS_JS)

$(ECHARTS_JS):
	@set -e; tmp=$$(mktemp -d); \
	trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null); \
	tar -xzf "$$tmp"/echarts-$(ECHARTS_VERSION).tgz -C "$$tmp" package/dist/echarts.min.js; \
	cp "$$tmp"/package/dist/echarts.min.js $@.tmp; \
	mv $@.tmp $@; \
	echo "fetched $@ (echarts $(ECHARTS_VERSION))"
