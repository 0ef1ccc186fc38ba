package io.crmbridge.config;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;

/**
 * Runs a unit of work in its own resource-local JPA transaction: a fresh EntityManager, commit on
 * success, rollback and rethrow on a runtime exception, always closed. Shared by the ledger and
 * the contact store, whose methods are each one transaction.
 */
public final class Transactions {

    private final EntityManagerFactory emf;

    public Transactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Runs {@code work} in a transaction and returns its result. */
    public <T> T run(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }
}
