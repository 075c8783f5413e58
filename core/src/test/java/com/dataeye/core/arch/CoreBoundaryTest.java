package com.dataeye.core.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Business logic lives once, in plain Java (ARCHITECTURE.md): engines are adapters around the core. */
@AnalyzeClasses(packages = "com.dataeye.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreBoundaryTest {

    @ArchTest
    static final ArchRule coreDependsOnNoEngine = noClasses().that().resideInAPackage("com.dataeye.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.duckdb..", "tools.jackson..", "com.fasterxml..",
                    "org.apache.kafka..", "org.apache.flink..", "org.apache.spark..", "java.sql..", "jakarta..")
            .because("core holds domain logic in plain Java; move engine code to analytics or server");
}
