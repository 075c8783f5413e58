package com.dataeye.core.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScrubberTest {

    private static final byte[] PROJECT_A_KEY = "project-a-secret-0001".getBytes(UTF_8);
    private static final byte[] PROJECT_B_KEY = "project-b-secret-0002".getBytes(UTF_8);

    private final PiiScrubber masking = new PiiScrubber(PiiMode.MASK, null);
    private final PiiScrubber hashingA = new PiiScrubber(PiiMode.HASH, PROJECT_A_KEY);
    private final PiiScrubber hashingB = new PiiScrubber(PiiMode.HASH, PROJECT_B_KEY);

    // ---- phones ----

    @Test
    void masksMobileNumberInsideChineseText() {
        assertThat(masking.scrub("请联系13812341234，工作日9点到18点"))
                .isEqualTo("请联系138****1234，工作日9点到18点");
    }

    @Test
    void masksPhoneAndEmailInTheSameSentence() {
        assertThat(masking.scrub("请联系13812341234或者 zhang.san@example.com"))
                .isEqualTo("请联系138****1234或者 z***@example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "手机：+86 138 1234 1234。  | 手机：+86 138****1234。",
            "tel: +86-138-1234-1234     | tel: +86-138****1234",
            "+8613912345678             | +86139****5678",
            "8615012345678              | 86150****5678",
            "电话 138-1234-1234 转分机  | 电话 138****1234 转分机",
            "备用 199 8765 4321         | 备用 199****4321",
    })
    void masksSeparatedAndCountryPrefixedPhonesKeepingThePrefix(String input, String expected) {
        assertThat(masking.scrub(input)).isEqualTo(expected);
    }

    @Test
    void masksEachOfSeveralPhonesSeparatedBySpaces() {
        assertThat(masking.scrub("联系人 13812341234 13998765432、15000001111"))
                .isEqualTo("联系人 138****1234 139****5432、150****1111");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "订单号2026112512345已发货",  // 13-digit order number
            "物流单号 138123412345",      // 12-digit run that starts like a phone
            "12812341234",                // second digit 2 is not a mobile prefix
            "SKU P13812341234-BLK",       // glued to letters: an identifier, not a phone
    })
    void leavesThirteenDigitOrderNumberAlone(String input) {
        assertThat(masking.scrub(input)).isSameAs(input);
    }

    // ---- e-mail ----

    @Test
    void masksEmailKeepingFirstCharAndDomain() {
        assertThat(masking.scrub("反馈邮箱:Li.Lei+vip@mail.example.com.cn。谢谢"))
                .isEqualTo("反馈邮箱:L***@mail.example.com.cn。谢谢");
    }

    @Test
    void treatsQqNumberEmailAsOneEmailNotAsPhone() {
        PiiScrubber.ScrubResult result = masking.scrubWithCount("邮箱13812341234@163.com 或 123456789@qq.com");
        assertThat(result.text()).isEqualTo("邮箱1***@163.com 或 1***@qq.com");
        assertThat(result.found()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@张三 你好，明天见", "价格 @ ¥199.00", "user@localhost", "a@b.c"})
    void leavesAtSignsThatAreNotEmailAddressesAlone(String input) {
        assertThat(masking.scrub(input)).isSameAs(input);
    }

    // ---- ID cards ----

    @Test
    void masksIdCardOnlyWithValidCheckDigit() {
        assertThat(masking.scrub("身份证号11010519491231002X，请核对"))
                .isEqualTo("身份证号110105********002X，请核对");
        String wrongCheckDigit = "身份证号110105194912310021，请核对";
        assertThat(masking.scrub(wrongCheckDigit)).isSameAs(wrongCheckDigit);
    }

    @Test
    void masksIdCardGeneratedWithCheckDigitAndLowercaseX() {
        String id = withIdCheckChar("32010619850615281");
        assertThat(masking.scrub("证件:" + id)).isEqualTo("证件:320106********" + id.substring(14));
        assertThat(masking.scrub("id=11010519491231002x")).isEqualTo("id=110105********002X");
    }

    @Test
    void leavesIdShapedNumberWithImpossibleBirthDateAlone() {
        String month13 = withIdCheckChar("11010519491331002"); // correct check char, but month 13
        String feb30 = withIdCheckChar("44030520000230123");
        String text = "编号 " + month13 + " / " + feb30;
        assertThat(masking.scrub(text)).isSameAs(text);
    }

    @Test
    void prefersIdCardOverBankCardWhenBothChecksPass() {
        String id = withIdCheckChar("44030519900307115");
        assertThat(luhn(id)).as("precondition: also Luhn-valid").isTrue();
        assertThat(masking.scrub("证件号 " + id)).isEqualTo("证件号 440305********" + id.substring(14));
        assertThat(hashingA.scrub(id)).startsWith("pii:id_card:");
    }

    // ---- bank cards ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "卡号4111111111111111     | 卡号411111******1111",
            "卡号 4111-1111-1111-1111 | 卡号 411111******1111",
            "工行 6222 0212 3456 7890 128 尾号 | 工行 622202*********0128 尾号",
            "MC 5425233430109903      | MC 542523******9903",
    })
    void masksBankCardPassingLuhnDroppingSeparators(String input, String expected) {
        assertThat(masking.scrub(input)).isEqualTo(expected);
    }

    @Test
    void leavesCardNumberFailingLuhnAlone() {
        String text = "卡号4111111111111112";
        assertThat(luhn("4111111111111112")).isFalse();
        assertThat(masking.scrub(text)).isSameAs(text);
    }

    @Test
    void leavesLuhnValidEpochMillisAndBarcodesAlone() {
        assertThat(luhn("1732531205000")).as("precondition").isTrue();
        assertThat(luhn("6901234567892")).as("precondition").isTrue();
        String text = "ts=1732531205000 barcode 6901234567892";
        assertThat(masking.scrub(text)).isSameAs(text);
    }

    // ---- negatives and hot path ----

    @ParameterizedTest
    @ValueSource(strings = {
            "¥199.00",
            "2026-11-25",
            "下单时间 2026-11-25 13:45:00",
            "1732531200000",
            "https://item.jd.com/100012043978.html?spm=a1z10.3-c.w4002-2455093051.9.1",
            "SKU-20261125-0042 红色 XL",
            "",
    })
    void returnsSameInstanceWhenNothingFound(String input) {
        assertThat(masking.scrub(input)).isSameAs(input);
        assertThat(hashingA.scrub(input)).isSameAs(input);
        assertThat(masking.scrubWithCount(input).found()).isZero();
    }

    @Test
    void preCheckIsFalseForOrdinaryTextAndTrueForCandidates() {
        assertThat(PiiScrubber.mightContainPii("加入购物车 iPhone 16 Pro 256GB ¥7999.00")).isFalse();
        assertThat(PiiScrubber.mightContainPii("2026-11-25 13:45:00")).isFalse();
        assertThat(PiiScrubber.mightContainPii("spm=a1z10.3-c.w4002-2455093051.9.1")).isFalse();
        assertThat(PiiScrubber.mightContainPii("SKU-20261125-0042 item 100012043978")).isFalse();
        assertThat(PiiScrubber.mightContainPii(null)).isFalse();
        assertThat(PiiScrubber.mightContainPii("99999999999c9d9f")).as("hex device id").isFalse();
        assertThat(PiiScrubber.mightContainPii("a999999999999999")).as("hex device id").isFalse();
        assertThat(PiiScrubber.mightContainPii("138 1234 1234")).isTrue();
        assertThat(PiiScrubber.mightContainPii("id 11010519491231002X")).isTrue();
        assertThat(PiiScrubber.mightContainPii("a@b")).isTrue();
        assertThat(masking.scrub(null)).isNull();
    }

    @Test
    void preCheckNeverHidesAMatchTheFullSearchWouldFind() {
        String[] atoms = {" ", "-", "X", "x", "+86 ", "86", "138", "1234", "电", "a", "f", "Z", "@", ".com",
                "13812341234", "11010519491231002X", "4111111111111111", "2026112512345"};
        Random random = new Random(20261125);
        int matched = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(25); i >= 0; i--) {
                sb.append(random.nextInt(3) == 0 ? atoms[random.nextInt(atoms.length)] : random.nextInt(10));
            }
            String text = sb.toString();
            int found = masking.scrubCandidate(text).found();
            if (found > 0) {
                matched++;
                assertThat(PiiScrubber.mightContainPii(text)).as(text).isTrue();
            }
        }
        assertThat(matched).as("the generator must produce matches to be meaningful").isGreaterThan(1_000);
    }

    @Test
    void countsEveryReplacedValue() {
        PiiScrubber.ScrubResult result = masking.scrubWithCount(
                "13812341234, zhang.san@example.com, 11010519491231002X, 4111 1111 1111 1111");
        assertThat(result.found()).isEqualTo(4);
        assertThat(result.text())
                .isEqualTo("138****1234, z***@example.com, 110105********002X, 411111******1111");
    }

    // ---- hashing ----

    @Test
    void hashesSamePhoneToSameTokenPerProjectKey() {
        String token = hashingA.scrub("13812341234");
        assertThat(token).matches("pii:phone:[0-9a-f]{16}");
        assertThat(hashingA.scrub("请联系+86 138-1234-1234")).isEqualTo("请联系" + token);
        assertThat(new PiiScrubber(PiiMode.HASH, PROJECT_A_KEY).scrub("13812341234")).isEqualTo(token);
        assertThat(hashingB.scrub("13812341234")).matches("pii:phone:[0-9a-f]{16}").isNotEqualTo(token);
        assertThat(hashingA.scrub("13812341235")).isNotEqualTo(token);
    }

    @Test
    void hashesEmailCaseInsensitivelyAndTagsEachKind() {
        assertThat(hashingA.scrub("Zhang.San@Example.COM")).isEqualTo(hashingA.scrub("zhang.san@example.com"))
                .matches("pii:email:[0-9a-f]{16}");
        assertThat(hashingA.scrub("6222 0212 3456 7890 128")).isEqualTo(hashingA.scrub("6222021234567890128"))
                .matches("pii:bank_card:[0-9a-f]{16}");
        assertThat(hashingA.scrub("11010519491231002x")).isEqualTo(hashingA.scrub("11010519491231002X"))
                .matches("pii:id_card:[0-9a-f]{16}");
    }

    @Test
    void requiresKeyInHashMode() {
        assertThatThrownBy(() -> new PiiScrubber(PiiMode.HASH, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PiiScrubber(PiiMode.HASH, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- independent check-digit generators (deliberately not reusing production code) ----

    private static String withIdCheckChar(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d : (d * 2) / 10 + (d * 2) % 10;
        }
        return sum % 10 == 0;
    }
}
