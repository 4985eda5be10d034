package com.example.inventory;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;

/**
 * Maps /report to whichever report servlet this build of the host carries: the one that uses the host's
 * own Jackson and Caffeine, or the one that uses its own Hibernate unit. The plain build carries none.
 */
public class OptionalReports implements ServletContextListener {

    private static final String[] REPORTS = {
        "com.example.inventory.LibrariesReport", "com.example.inventory.PersistenceReport"};

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        for (String name : REPORTS) {
            Class<? extends HttpServlet> type;
            try {
                type = Class.forName(name, true, getClass().getClassLoader()).asSubclass(HttpServlet.class);
            } catch (ClassNotFoundException notInThisBuild) {
                continue;
            }
            try {
                context.addServlet("report", context.createServlet(type)).addMapping("/report");
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
