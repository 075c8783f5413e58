package com.dataeye.server.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.dataeye.core.enrich.DeviceInfo;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UapUserAgentParserTest {

    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";
    static final String ANDROID_WECHAT_MINI_PROGRAM = "Mozilla/5.0 (Linux; Android 13; V2185A Build/TP1A.220624.014; wv) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
            + "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI "
            + "Language/zh_CN ABI/arm64 MiniProgramEnv/android";
    static final String ANDROID_WECHAT_BROWSER = "Mozilla/5.0 (Linux; Android 12; PEHM00 Build/SKQ1.210216.001; wv) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5197 "
            + "MMWEBSDK/20230805 MMWEBID/6120 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/5G "
            + "Language/zh_CN ABI/arm64";
    static final String IPHONE_WECHAT_MINI_PROGRAM = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI "
            + "Language/zh_CN miniProgram/wx8f2b1c3d4e5f6a7b";
    static final String WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    static final String MAC_SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    static final String IPAD_SAFARI = "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1";
    static final String ANDROID_TABLET_CHROME = "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.6099.144 Safari/537.36";
    static final String BAIDUSPIDER = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";
    static final String BAIDUSPIDER_RENDER_MOBILE = "Mozilla/5.0 (iPhone; CPU iPhone OS 9_1 like Mac OS X) "
            + "AppleWebKit/601.1.46 (KHTML, like Gecko) Version/9.0 Mobile/13B143 Safari/601.1 "
            + "(compatible; Baiduspider-render/2.0; +http://www.baidu.com/search/spider.html)";

    // loading regexes.yaml is the slow part; one parser serves every test, as it serves the whole server
    private static final UapUserAgentParser PARSER = new UapUserAgentParser();

    @Test
    void parsesIphoneSafari() {
        assertThat(PARSER.parse(IPHONE_SAFARI))
                .isEqualTo(new DeviceInfo("ios", "17.4.1", "mobile safari", "17.4.1", "mobile"));
    }

    @Test
    void parsesWeChatMiniProgramUserAgent() {
        DeviceInfo info = PARSER.parse(ANDROID_WECHAT_MINI_PROGRAM);

        assertThat(info).isEqualTo(new DeviceInfo("android", "13", "wechat", "8.0.47.2560", "mini_program"));
    }

    @Test
    void parsesWeChatMiniProgramUserAgentOnIphone() {
        assertThat(PARSER.parse(IPHONE_WECHAT_MINI_PROGRAM))
                .isEqualTo(new DeviceInfo("ios", "16.6", "wechat", "8.0.44", "mini_program"));
    }

    @Test
    void namesWeChatInAppBrowserWechatOnAMobile() {
        assertThat(PARSER.parse(ANDROID_WECHAT_BROWSER))
                .isEqualTo(new DeviceInfo("android", "12", "wechat", "8.0.42.2460", "mobile"));
    }

    @Test
    void parsesWindowsChromeAsDesktop() {
        assertThat(PARSER.parse(WINDOWS_CHROME))
                .isEqualTo(new DeviceInfo("windows", "10", "chrome", "124.0.0", "desktop"));
    }

    @Test
    void parsesMacSafariAsDesktop() {
        DeviceInfo info = PARSER.parse(MAC_SAFARI);

        assertThat(info.os()).isEqualTo("mac os x");
        assertThat(info.browser()).isEqualTo("safari");
        assertThat(info.deviceType()).isEqualTo("desktop");
    }

    @Test
    void recognisesIpadAsTabletDespiteTheMobileToken() {
        DeviceInfo info = PARSER.parse(IPAD_SAFARI);

        assertThat(info.os()).isEqualTo("ios");
        assertThat(info.osVersion()).isEqualTo("16.6");
        assertThat(info.deviceType()).isEqualTo("tablet");
    }

    @Test
    void recognisesAndroidWithoutMobileTokenAsTablet() {
        assertThat(PARSER.parse(ANDROID_TABLET_CHROME).deviceType()).isEqualTo("tablet");
    }

    @Test
    void recognisesBaiduspiderAsBot() {
        assertThat(PARSER.parse(BAIDUSPIDER).deviceType()).isEqualTo("bot");
        assertThat(PARSER.parse(BAIDUSPIDER).browser()).isEqualTo("baiduspider");
        assertThat(PARSER.parse(BAIDUSPIDER_RENDER_MOBILE).deviceType()).isEqualTo("bot");
    }

    @Test
    void returnsUnknownForMissingUserAgent() {
        assertThat(PARSER.parse(null)).isSameAs(DeviceInfo.UNKNOWN);
        assertThat(PARSER.parse("")).isSameAs(DeviceInfo.UNKNOWN);
        assertThat(PARSER.parse("   ")).isSameAs(DeviceInfo.UNKNOWN);
    }

    @Test
    void leavesFieldsNullWhenTheAgentSaysNothingUseful() {
        assertThat(PARSER.parse("-")).isEqualTo(DeviceInfo.UNKNOWN);
    }

    @Test
    void answersRepeatedAgentsFromTheCache() {
        DeviceInfo first = PARSER.parse(WINDOWS_CHROME);

        assertThat(PARSER.parse(new String(WINDOWS_CHROME))).isSameAs(first);
    }

    @Test
    void sharesOneCacheEntryAcrossWeChatInstallsAndNetworks() {
        String otherInstallOn4g = ANDROID_WECHAT_MINI_PROGRAM
                .replace("MMWEBID/2247", "MMWEBID/9081")
                .replace("NetType/WIFI", "NetType/4G");

        assertThat(PARSER.parse(otherInstallOn4g)).isSameAs(PARSER.parse(ANDROID_WECHAT_MINI_PROGRAM));
    }

    @Test
    void dropsOnlyTokensThatDoNotChangeTheParse() {
        String key = UapUserAgentParser.cacheKey(ANDROID_WECHAT_MINI_PROGRAM);
        ua_parser.Parser raw = new ua_parser.Parser();

        assertThat(key).doesNotContain("MMWEBID", "NetType").contains("MicroMessenger/8.0.47.2560", "MiniProgramEnv/android");
        assertThat(raw.parse(key)).isEqualTo(raw.parse(ANDROID_WECHAT_MINI_PROGRAM));
        assertThat(UapUserAgentParser.cacheKey(WINDOWS_CHROME)).isSameAs(WINDOWS_CHROME);
    }

    @Test
    void cutsOversizedAgentsBeforeParsing() {
        String padded = IPHONE_SAFARI + " " + "x".repeat(100_000);

        assertThat(PARSER.parse(padded).os()).isEqualTo("ios");
        assertThat(PARSER.parse(padded).deviceType()).isEqualTo("mobile");
    }

    @Test
    void givesTheSameAnswersUnderConcurrentUse() throws Exception {
        List<String> agents = List.of(IPHONE_SAFARI, ANDROID_WECHAT_MINI_PROGRAM, WINDOWS_CHROME, IPAD_SAFARI, BAIDUSPIDER);
        // a fresh, tiny cache so threads race on misses and evictions, not just on hits
        UapUserAgentParser shared = new UapUserAgentParser(new ua_parser.Parser(), 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DeviceInfo>> results = IntStream.range(0, 2_000)
                    .mapToObj(i -> agents.get(i % agents.size()))
                    .map(agent -> pool.submit(() -> shared.parse(agent)))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(PARSER.parse(agents.get(i % agents.size())));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
