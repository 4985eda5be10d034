package org.portcullis.filter.permission;

/**
 * An entity's {@code world} row as the checks read it: the permission checked on the entity itself,
 * and the one its new instances get.
 */
public record EntityRow(AccessRow access, Permission defaultPermission) {
}
