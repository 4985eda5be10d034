package com.example.inventory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The host's own persistence unit at work: which provider {@code Persistence} handed it (the unit names
 * none), and a row written and counted through it.
 */
public class PersistenceReport extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient EntityManagerFactory factory;

    @Override
    public void init() {
        factory = Persistence.createEntityManagerFactory("inventory");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EntityManager em = factory.createEntityManager();
        long rows;
        try {
            em.getTransaction().begin();
            em.persist(new StockMovement("report viewed"));
            em.getTransaction().commit();
            rows = em.createQuery("select count(m) from StockMovement m", Long.class).getSingleResult();
        } finally {
            em.close();
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("provider=" + factory.getClass().getName() + "\nrows=" + rows + "\n");
    }

    @Override
    public void destroy() {
        factory.close();
    }
}
