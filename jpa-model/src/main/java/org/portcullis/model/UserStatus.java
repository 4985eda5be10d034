package org.portcullis.model;

/** Whether an account may sign in and whether its tokens are honoured. */
public enum UserStatus {
    ACTIVE,
    DISABLED
}
