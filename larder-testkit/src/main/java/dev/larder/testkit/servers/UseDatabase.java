package dev.larder.testkit.servers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Says which database server a {@link TestDatabase} parameter resolved by {@link LarderServers} is on. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UseDatabase {
    TestDatabase.Kind value();
}
