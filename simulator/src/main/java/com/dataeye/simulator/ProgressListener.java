package com.dataeye.simulator;

/** Told now and then how far a run has got; the CLI prints it, tests ignore it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (personsDone, personsTotal, events) -> {
    };

    void progress(int personsDone, int personsTotal, long events);
}
