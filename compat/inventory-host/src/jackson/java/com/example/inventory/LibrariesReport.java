package com.example.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The host's own Jackson and Caffeine at work: their versions, written by the host's ObjectMapper. */
public class LibrariesReport extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).build();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cache.put("caffeine", Caffeine.class.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", ""));
        Map<String, String> report = new LinkedHashMap<>();
        report.put("jackson", PackageVersion.VERSION.toString());
        report.put("caffeine", cache.getIfPresent("caffeine"));
        response.setContentType("application/json");
        new ObjectMapper().writeValue(response.getOutputStream(), report);
    }
}
