package org.lazuli.gateway;

import java.util.regex.Pattern;

/** The names a gateway accepts (users, published arrays): letters, digits, '_', '.' and '-', so they travel in paths. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private Names() {
    }

    /** {@code name} itself, or an error saying what a {@code kind} ("user name", "published name") may hold. */
    static String require(String name, String kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A " + kind + " is letters, digits, '_', '.' and '-': got '" + name + "'");
        }
        return name;
    }
}
