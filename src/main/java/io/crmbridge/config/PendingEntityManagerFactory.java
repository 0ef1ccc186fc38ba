package io.crmbridge.config;

import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An {@link EntityManagerFactory} that stands for one still being built on another thread: every call waits
 * for the real factory and is made on it. It lets the beans and the camel-jpa component be wired while Flyway
 * and Hibernate boot (the largest part of a start-up), so that the route files are read and the context is
 * initialised meanwhile. A build that failed makes every call throw that failure.
 */
final class PendingEntityManagerFactory implements InvocationHandler {

    private final CompletableFuture<EntityManagerFactory> built;

    private PendingEntityManagerFactory(CompletableFuture<EntityManagerFactory> built) {
        this.built = built;
    }

    /** The stand-in for the factory {@code built} completes with. */
    static EntityManagerFactory of(CompletableFuture<EntityManagerFactory> built) {
        return (EntityManagerFactory) Proxy.newProxyInstance(EntityManagerFactory.class.getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, new PendingEntityManagerFactory(built));
    }

    /**
     * The built factory, waiting for it.
     *
     * @throws RuntimeException the build's own failure (a migration or mapping error), unwrapped
     */
    static EntityManagerFactory await(CompletableFuture<EntityManagerFactory> built) {
        try {
            return built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            // identity of the stand-in itself: it is one bean, whatever it waits for
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "EntityManagerFactory (" + (built.isDone() ? "built" : "being built") + ")";
            };
        }
        try {
            return method.invoke(await(built), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
