package com.dataeye.simulator.behaviour;

import com.dataeye.core.event.EventType;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sign-up and log-in: the moments the anonymous device id meets the login id (PRODUCT.md C7). Signing up
 * happens once per person, on the device in hand; every other device logs in on its first visit after that.
 */
final class Accounts {

    private long signedUpAt = -1;

    boolean signedUp() {
        return signedUpAt >= 0;
    }

    /** When the person signed up, or -1. */
    long signedUpAt() {
        return signedUpAt;
    }

    void signUp(Tracker tracker, String inviteCode, SplittableRandom random) {
        Page returnTo = tracker.page();
        tracker.open(Pages.SIGN_UP);
        tracker.advance(4_000 + random.nextInt(15_000));
        tracker.click("button.btn-wechat-login", "微信一键登录");
        tracker.advance(800 + random.nextInt(2_500));
        Map<String, Object> props = tracker.clientProperties();
        props.put("signup_method", random.nextDouble() < 0.8 ? "wechat" : "phone");
        tracker.logIn("signup", props);
        signedUpAt = tracker.now();
        if (inviteCode != null) {
            Map<String, Object> accepted = tracker.clientProperties();
            accepted.put("invite_code", inviteCode);
            tracker.track("invite_accepted", accepted);
        }
        tracker.serverProfile(EventType.PROFILE_SET_ONCE, tracker.now() + 200,
                Map.of("signup_method", props.get("signup_method"), "membership_level", "free"));
        backTo(tracker, returnTo, random);
    }

    void logInIfNeeded(Tracker tracker, SplittableRandom random) {
        if (!signedUp() || tracker.loggedInHere()) {
            return;
        }
        Page returnTo = tracker.page();
        tracker.open(Pages.LOG_IN);
        tracker.advance(3_000 + random.nextInt(8_000));
        tracker.click("button.btn-wechat-login", "微信一键登录");
        tracker.advance(500 + random.nextInt(2_000));
        tracker.logIn("login", tracker.clientProperties());
        backTo(tracker, returnTo, random);
    }

    /** Back where the person was before the login wall, looking at the page again for a moment. */
    private static void backTo(Tracker tracker, Page page, SplittableRandom random) {
        tracker.advance(300 + random.nextInt(1_000));
        tracker.open(page == null ? Pages.HOME : page);
        tracker.advance(1_500 + random.nextInt(6_000));
    }
}
