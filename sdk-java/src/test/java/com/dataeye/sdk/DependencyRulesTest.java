package com.dataeye.sdk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** Users ship this jar alone: it may use the JDK and Jackson, nothing else, nothing of DataEyeʼs server. */
class DependencyRulesTest {

    private final JavaClasses sdk = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.dataeye.sdk");

    @Test
    void dependsOnTheJdkAndJacksonOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "tools.jackson..", "com.dataeye.sdk..")
                .because("the SDK is shipped alone: add nothing to its runtime classpath but Jackson")
                .check(sdk);
    }
}
