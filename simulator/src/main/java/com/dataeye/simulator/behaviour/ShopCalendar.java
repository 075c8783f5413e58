package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.output.ShopTime;

import java.time.DayOfWeek;

/**
 * The run's days: where each begins, its weekday rhythm, and the flash-sale day. Day indices run from 0
 * to {@code days - 1}; every day is a shop-local (+08:00) calendar day.
 */
public final class ShopCalendar {

    /** Weekends busier than weekdays; the seven factors average exactly 1, so retention stays as planted. */
    private static final double WEEKDAY_FACTOR = 0.93;
    private static final double WEEKEND_FACTOR = 1.175;

    private final long startMillis;
    private final int days;
    private final int flashSaleDay;
    private final DayOfWeek firstWeekday;

    public ShopCalendar(SimulationConfig config) {
        this.startMillis = ShopTime.startOfDay(config.startDate());
        this.days = config.days();
        this.flashSaleDay = config.flashSaleDay();
        this.firstWeekday = config.startDate().getDayOfWeek();
    }

    public int days() {
        return days;
    }

    public long dayStart(int day) {
        return startMillis + day * ShopTime.DAY_MILLIS;
    }

    /** First millisecond after the run. */
    public long endMillis() {
        return dayStart(days);
    }

    public int dayOf(long epochMillis) {
        return (int) Math.floorDiv(epochMillis - startMillis, ShopTime.DAY_MILLIS);
    }

    public boolean isFlashSale(int day) {
        return day == flashSaleDay;
    }

    public int flashSaleDay() {
        return flashSaleDay;
    }

    public boolean isWeekend(int day) {
        DayOfWeek weekday = firstWeekday.plus(day);
        return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
    }

    /** Multiplier of visit chances on {@code day}: busier weekends, quieter weekdays. */
    public double weekdayFactor(int day) {
        return isWeekend(day) ? WEEKEND_FACTOR : WEEKDAY_FACTOR;
    }
}
