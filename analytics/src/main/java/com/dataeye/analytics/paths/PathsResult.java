package com.dataeye.analytics.paths;

import java.util.List;

/** Nodes ({@code step:event}) and links between consecutive steps, ready for a Sankey chart. */
public record PathsResult(List<Node> nodes, List<Link> links) {

    public record Node(String id, int step, String event, long persons) {}

    public record Link(String source, String target, long persons) {}
}
