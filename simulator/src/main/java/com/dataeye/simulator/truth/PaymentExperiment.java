package com.dataeye.simulator.truth;

/**
 * The seed article's A/B test: the default payment method on the payment-confirmation page, bank card
 * (control) or WeChat Pay. Every purchase attempt goes {@code checkout_start} → {@code payment_confirm_view}
 * → {@code order_paid}; the variant changes only the last step.
 *
 * @param name                      value of the {@code experiment} property
 * @param checkoutToConfirm         share of checkouts that reach payment confirmation, in both variants
 * @param paidAfterConfirmBankCard  share of confirmation views paid when bank card is the default
 * @param paidAfterConfirmWeChatPay share of confirmation views paid when WeChat Pay is the default
 */
public record PaymentExperiment(String name, double checkoutToConfirm, double paidAfterConfirmBankCard,
                                double paidAfterConfirmWeChatPay) {

    public static final String BANK_CARD = "bank_card";
    public static final String WECHAT_PAY = "wechat_pay";

    public PaymentExperiment {
        for (double p : new double[] {checkoutToConfirm, paidAfterConfirmBankCard, paidAfterConfirmWeChatPay}) {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("funnel rates must be in (0, 1], got " + p);
            }
        }
    }

    public double paidAfterConfirm(String variant) {
        return WECHAT_PAY.equals(variant) ? paidAfterConfirmWeChatPay : paidAfterConfirmBankCard;
    }

    /** Chance that one attempt ends paid: reaches confirmation, then pays. */
    public double attemptSuccess(String variant) {
        return checkoutToConfirm * paidAfterConfirm(variant);
    }
}
