package com.dataeye.core.plan;

/** Port: the compiled plan of a project, cached by the adapter and replaced when the plan changes. */
@FunctionalInterface
public interface PlanSource {

    PlanSource NONE = projectId -> CompiledPlan.EMPTY;

    /** Never null; {@link CompiledPlan#EMPTY} for a project without a plan. Called per request: must be cheap. */
    CompiledPlan planOf(String projectId);
}
