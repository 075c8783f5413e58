package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Product;
import com.dataeye.simulator.population.Ids;
import com.dataeye.simulator.population.Segment;
import com.dataeye.simulator.truth.PlantedTruths;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Spreading the word and saying what one thinks: {@code share} and {@code invite_sent} (contributors do
 * both, others share at most once, so the contributor rule separates them exactly) and the NPS survey,
 * answered by a share of returning persons with a score drawn for their realised segment's planted NPS.
 */
final class Engagement {

    private static final double CASUAL_SHARE = 0.08;
    private static final double SURVEY_RETURNING = 0.35;
    /** The most engaged answer surveys most: it also keeps their NPS measurable in a small shop. */
    private static final double SURVEY_ENGAGED = 0.6;
    private static final double SURVEY_ONE_VISIT = 0.06;

    private final PlantedTruths truths;
    private final Browsing browsing;

    Engagement(PlantedTruths truths, Browsing browsing) {
        this.truths = truths;
        this.browsing = browsing;
    }

    /** Shares over the whole run for a person planned into {@code segment}. */
    int sharesPlanned(Segment segment, SplittableRandom random) {
        return switch (segment) {
            case CONTRIBUTOR -> truths.segmentRules().contributorMinShares() + random.nextInt(4);
            case WHALE -> random.nextInt(3);
            default -> random.nextDouble() < CASUAL_SHARE ? 1 : 0;
        };
    }

    int invitesPlanned(Segment segment, SplittableRandom random) {
        return segment == Segment.CONTRIBUTOR ? 1 + random.nextInt(2) : 0;
    }

    void share(Visitor v) {
        Product product = browsing.anyProduct(v);
        browsing.viewProduct(v, product);
        v.tracker.click("button.btn-share", "分享");
        v.tracker.advance(v.pause(1_000, 6_000));
        Map<String, Object> props = v.tracker.clientProperties();
        props.put("product_id", product.id());
        props.put("share_to", v.random.nextDouble() < 0.7 ? "wechat_friend" : "timeline");
        v.tracker.track("share", props);
        v.shares++;
    }

    void invite(Visitor v) {
        String code = Ids.inviteCode(v.person.index());
        v.tracker.open(Pages.invite(code));
        v.tracker.advance(v.pause(3_000, 20_000));
        v.tracker.click("button.btn-invite", "邀请好友");
        Map<String, Object> props = v.tracker.clientProperties();
        props.put("invite_code", code);
        props.put("share_to", "wechat_friend");
        v.tracker.track("invite_sent", props);
        v.invitesSent++;
        v.tracker.advance(v.pause(1_000, 5_000));
    }

    /** Maybe an {@code nps_response} at the end of one of the person's later sessions. */
    void maybeAnswerSurvey(Visitor v, Segment realised) {
        int sessions = v.sessions.size();
        boolean engaged = realised == Segment.WHALE || realised == Segment.CONTRIBUTOR;
        double answers = sessions == 1 ? SURVEY_ONE_VISIT : engaged ? SURVEY_ENGAGED : SURVEY_RETURNING;
        if (v.random.nextDouble() >= answers) {
            return;
        }
        SessionRecord session = v.sessions.get(sessions > 1 ? 1 + v.random.nextInt(sessions - 1) : 0);
        Map<String, Object> props = v.tracker.clientProperties(session);
        props.put("survey_id", "nps_2026");
        props.put("score", score(truths.nps().get(realised), v.random));
        v.tracker.trackAt(session, session.end() + v.pause(5_000, 30_000), "nps_response", props);
    }

    /**
     * A 0–10 answer whose expected promoter share minus detractor share is {@code nps}/100: passives take
     * up to 30 %, promoters and detractors split the rest around the target.
     */
    static int score(int nps, SplittableRandom random) {
        double target = nps / 100.0;
        double passives = Math.min(0.3, 1 - Math.abs(target));
        double promoters = (1 - passives + target) / 2;
        double r = random.nextDouble();
        if (r < promoters) {
            return 9 + random.nextInt(2);
        }
        if (r < promoters + passives) {
            return 7 + random.nextInt(2);
        }
        int[] detractorScores = {6, 6, 6, 6, 5, 5, 5, 4, 4, 3, 2, 1, 0};
        return detractorScores[random.nextInt(detractorScores.length)];
    }
}
