package com.example.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** One line of the host's own audit trail, in the host's own persistence unit. */
@Entity
public class StockMovement {

    @Id
    @GeneratedValue
    private Long id;

    private String what;

    protected StockMovement() {
    }

    StockMovement(String what) {
        this.what = what;
    }
}
