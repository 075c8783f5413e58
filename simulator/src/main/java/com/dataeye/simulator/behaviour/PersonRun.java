package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.population.Person;

import java.util.List;

/** Everything one person did during the run, in time order. */
public record PersonRun(Person person, List<SimulatedEvent> events) {
}
