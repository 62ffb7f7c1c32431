package io.trailsift.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.trailsift.Case;
import org.junit.jupiter.api.Test;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of the house, checked on the compiled classes (every dependency in the bytecode,
 * not only import lines): output on top, DuckDB in one room, the CLI through one door.
 */
class ArchitectureTest {
    private static final String[] DOMAIN = {"io.trailsift.event..", "io.trailsift.format..", "io.trailsift.source..",
        "io.trailsift.ingest..", "io.trailsift.store..", "io.trailsift.detect..", "io.trailsift.lineage..",
        "io.trailsift.pivot..", "io.trailsift.triage..", "io.trailsift.investigate..", "io.trailsift.verify..",
        "io.trailsift.json..", "io.trailsift.sigma.."};

    /** Main classes only: analyzer-core's tests arrive as target/test-classes or, after `package`, its -tests.jar. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.matches(Pattern.compile(".*-tests\\.jar.*")))
            .importPackages("io.trailsift");

    @Test
    void theClassesAreThere() {
        assertTrue(CLASSES.contain(Case.class) && CLASSES.contain(Main.class), "nothing to check");
    }

    @Test
    void domainCodeDecidesNoPresentation() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.trailsift.render..", "io.trailsift.cli..")
                .because("render/ sits on top: domain packages return data, render/ shows it")
                .check(CLASSES);
    }

    @Test
    void onlyTheStoreSpeaksDuckDb() {
        noClasses().that().resideOutsideOfPackage("io.trailsift.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "java.sql..")
                .because("every line of JDBC and DuckDB lives in store/")
                .check(CLASSES);
    }

    @Test
    void readersKnowTheEventModelNotTheStore() {
        noClasses().that().resideInAPackage("io.trailsift.format..")
                .should().dependOnClassesThat().resideInAnyPackage("io.trailsift.store..", "io.trailsift.ingest..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("io.trailsift.event..", "io.trailsift.source..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAIN_ABOVE_SOURCE)
                .because("the event model and the object sources are the ground floor")
                .check(CLASSES);
    }

    private static final String[] DOMAIN_ABOVE_SOURCE = {"io.trailsift.format..", "io.trailsift.ingest..",
        "io.trailsift.store..", "io.trailsift.detect..", "io.trailsift.lineage..", "io.trailsift.pivot..",
        "io.trailsift.triage..", "io.trailsift.investigate..", "io.trailsift.verify..", "io.trailsift.json..",
        "io.trailsift.sigma.."};

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.trailsift.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCliGoesThroughThePublicDoorAndRender() {
        Set<String> door = door();
        classes().that().resideInAPackage("io.trailsift.cli..")
                .should().onlyDependOnClassesThat(new DescribedPredicate<JavaClass>(
                        "are in cli/ or render/, outside trailsift, or on Case's signature " + door) {
                    @Override
                    public boolean test(JavaClass c) {
                        String name = c.getName();
                        return !name.startsWith("io.trailsift.") || name.startsWith("io.trailsift.cli.")
                                || name.startsWith("io.trailsift.render.") || door.contains(name);
                    }
                })
                .check(CLASSES);
    }

    /**
     * {@link Case} and every trailsift type its public methods take, return or throw, then, for
     * each such type, what its public instance methods take and return (record accessors
     * included): what an embedder can reach from the door without naming an implementation class.
     */
    private static Set<String> door() {
        Set<String> seen = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        seen.add(Case.class.getName());
        todo.add(Case.class);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            for (Method m : type.getMethods()) {
                // Methods trailsift declares (not Object's, Enum's or Record's), statics only on the door itself.
                if (!m.getDeclaringClass().getName().startsWith("io.trailsift.")
                        || (Modifier.isStatic(m.getModifiers()) && type != Case.class)) {
                    continue;
                }
                Deque<Type> types = new ArrayDeque<>();
                types.add(m.getGenericReturnType());
                types.addAll(List.of(m.getGenericParameterTypes()));
                types.addAll(List.of(m.getGenericExceptionTypes()));
                while (!types.isEmpty()) {
                    Type t = types.pop();
                    if (t instanceof Class<?> c) {
                        Class<?> element = c.isArray() ? c.getComponentType() : c;
                        if (element.getName().startsWith("io.trailsift.") && seen.add(element.getName())) {
                            todo.add(element);
                        }
                    } else if (t instanceof ParameterizedType p) {
                        types.add(p.getRawType());
                        types.addAll(List.of(p.getActualTypeArguments()));
                    } else if (t instanceof WildcardType w) {
                        types.addAll(List.of(w.getUpperBounds()));
                        types.addAll(List.of(w.getLowerBounds()));
                    } else if (t instanceof GenericArrayType a) {
                        types.add(a.getGenericComponentType());
                    }
                }
            }
        }
        return seen;
    }
}
