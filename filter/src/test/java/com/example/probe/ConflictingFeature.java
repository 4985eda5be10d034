package com.example.probe;

import org.portcullis.filter.actions.Action;
import org.portcullis.filter.actions.ActionRequest;
import org.portcullis.filter.actions.Reply;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;

/** A module that wants the built-in {@code user_account/signup} for itself; named in {@code modules/conflicting}. */
public final class ConflictingFeature implements Feature {

    @Override
    public void register(Registry registry, Kernel kernel) {
        registry.action(new Taken("user_account", "signup"));
    }

    /** An action under a name another feature has. */
    private record Taken(String entity, String name) implements Action {
        @Override
        public Reply perform(ActionRequest request) {
            return Reply.ok();
        }
    }
}
