package org.portcullis.filter.permission;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One of Daptin's 21-bit permission masks, as stored in every {@code permission} column.
 *
 * <p>Bits 0–6 are the guest tier, 7–13 the owner tier (Daptin calls it "user"), 14–20 the group tier.
 * Inside each tier the bits are, from low to high, Peek, Read, Create, Update, Delete, Execute, Refer.
 * The bits are independent: Read does not imply Peek (unlike Daptin's pre-2019 "OOOGGGXXX" form).
 *
 * <p>Worked example, owner read + group read:
 * <pre>
 *   owner read = READ.bit() &lt;&lt; OWNER.shift() = 2 &lt;&lt; 7  =   256
 *   group read = READ.bit() &lt;&lt; GROUP.shift() = 2 &lt;&lt; 14 = 32768
 *   mask       = 256 | 32768                          = 33024   ("owner:r group:r guest:")
 * </pre>
 * A check asks for all of its bits in the one tier that applies, {@code (mask & required) == required},
 * so 33024 lets a group member read but not peek, and gives a guest nothing.
 *
 * <p>The readable form, accepted by {@link #parse} and produced by {@link #toString}, is
 * {@code owner:prcudxf group:pr guest:p}; see {@link Action#letter()} for the letters.
 */
public final class Permission {

    /** The bits of one tier, in Daptin's order; {@link #bit()} follows from the declaration order. */
    public enum Action {
        PEEK('p'), READ('r'), CREATE('c'), UPDATE('u'), DELETE('d'), EXECUTE('x'), REFER('f');

        private final char letter;

        Action(char letter) {
            this.letter = letter;
        }

        public int bit() {
            return 1 << ordinal();
        }

        /** The letter in the readable form; Execute takes 'x' and Refer 'f' so that no two collide. */
        public char letter() {
            return letter;
        }
    }

    public enum Tier {
        GUEST(0), OWNER(7), GROUP(14);

        private final int shift;
        private final String label;

        Tier(int shift) {
            this.shift = shift;
            this.label = name().toLowerCase(Locale.ROOT);
        }

        public int shift() {
            return shift;
        }
    }

    private static final int MAX = (1 << 21) - 1;
    private static final int TIER_BITS = 0x7F;
    /** Owner first because that is how people read a permission, whatever the bit order. */
    private static final Tier[] PRINT_ORDER = {Tier.OWNER, Tier.GROUP, Tier.GUEST};
    private static final Action[] ACTIONS = Action.values();
    private static final String EXPECTED = "expected a decimal integer 0..2097151 or the form '"
            + new Permission(65409) + "' (tiers at most once, each letter at most once per tier, letters "
            + new Permission(TIER_BITS).tierLetters(Tier.GUEST) + ")";

    public static final Permission NONE = new Permission(0);
    public static final Permission ALL = new Permission(MAX);
    /** A host entity's {@code world} row: owner all; group all but Refer; guest Peek. */
    public static final Permission ENTITY_DEFAULT = new Permission(1048449);
    /** A new instance: owner all; group Peek, Read; guest Peek. */
    public static final Permission INSTANCE_DEFAULT = new Permission(65409);
    /** For Portcullis' own entities, which guests must never read. */
    public static final Permission OWNER_ONLY = new Permission(TIER_BITS << 7);

    private final int mask;

    private Permission(int mask) {
        this.mask = mask;
    }

    public static Permission of(int mask) {
        if (mask < 0 || mask > MAX) {
            throw new IllegalArgumentException("permission mask " + mask + " is outside the valid range 0..2097151");
        }
        return new Permission(mask);
    }

    public int mask() {
        return mask;
    }

    public boolean allows(Tier tier, Action action) {
        int required = action.bit() << tier.shift();
        return (mask & required) == required;
    }

    /** All of {@code actions} must be granted in {@code tier}; an empty set is always allowed. */
    public boolean allows(Tier tier, Set<Action> actions) {
        int required = bits(actions) << tier.shift();
        return (mask & required) == required;
    }

    public int tierBits(Tier tier) {
        return (mask >>> tier.shift()) & TIER_BITS;
    }

    /** Whether every bit of this mask lies in one of {@code tiers}. */
    public boolean within(Tier... tiers) {
        int allowed = 0;
        for (Tier tier : tiers) {
            allowed |= TIER_BITS << tier.shift();
        }
        return (mask & ~allowed) == 0;
    }

    public Permission with(Tier tier, Action... actions) {
        return new Permission(mask | bits(Arrays.stream(actions)) << tier.shift());
    }

    public Permission without(Tier tier, Action... actions) {
        return new Permission(mask & ~(bits(Arrays.stream(actions)) << tier.shift()));
    }

    private static int bits(Stream<Action> actions) {
        return actions.mapToInt(Action::bit).reduce(0, (a, b) -> a | b);
    }

    /** The bits of {@code actions} in one tier; a loop, not a stream: every check of every list item passes here. */
    private static int bits(Set<Action> actions) {
        int bits = 0;
        for (Action action : actions) {
            bits |= action.bit();
        }
        return bits;
    }

    /**
     * Reads a decimal mask or the readable form. Surrounding whitespace is ignored; signs, hex, leading
     * zeros, upper case and anything else are refused, because a permission typed wrongly must fail
     * loudly rather than silently grant something else.
     *
     * @throws NullPointerException if {@code text} is null (a programming error, not bad input)
     * @throws IllegalArgumentException if {@code text} is blank or not one of the two forms
     */
    public static Permission parse(String text) {
        Objects.requireNonNull(text, "permission text");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("permission is empty; " + EXPECTED);
        }
        if (isSignedDigits(trimmed)) {
            // A sign is refused, and so are leading zeros because elsewhere they can mean octal;
            // eight characters or more cannot be in range and could overflow an int.
            if (trimmed.charAt(0) == '+' || trimmed.length() > 1 && trimmed.charAt(0) == '0') {
                throw invalid(trimmed, "no sign or leading zero allowed");
            }
            if (trimmed.charAt(0) == '-' || trimmed.length() > 7 || Integer.parseInt(trimmed) > MAX) {
                throw invalid(trimmed, "outside the valid range 0..2097151");
            }
            return new Permission(Integer.parseInt(trimmed));
        }
        int mask = 0;
        int seen = 0;
        // Scanned by hand because a regex split made the all-masks round-trip test markedly slower.
        for (int at = 0, end; at < trimmed.length(); at = end + 1) {
            end = at;
            while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
                end++;
            }
            if (end == at) {
                continue;
            }
            String token = trimmed.substring(at, end);
            int colon = token.indexOf(':');
            Tier tier = colon < 0 ? null : tierNamed(token.substring(0, colon));
            if (tier == null) {
                throw invalid(trimmed, "'" + token + "' is not owner:, group: or guest: followed by letters");
            }
            if ((seen & 1 << tier.ordinal()) != 0) {
                throw invalid(trimmed, "tier '" + tier.label + "' appears twice");
            }
            seen |= 1 << tier.ordinal();
            int bits = 0;
            for (int i = colon + 1; i < token.length(); i++) {
                Action action = actionLettered(token.charAt(i));
                if (action == null || (bits & action.bit()) != 0) {
                    throw invalid(trimmed, (action == null ? "unknown" : "repeated") + " letter '"
                            + token.charAt(i) + "' in tier '" + tier.label + "'");
                }
                bits |= action.bit();
            }
            mask |= bits << tier.shift();
        }
        return new Permission(mask);
    }

    /**
     * Reads one tier's bits, as a named-user entry holds them: a decimal {@code 0..127} or the letters
     * of {@link Action#letter()} ({@code "pr"}, {@code "prcudxf"}), each at most once, in any order.
     * Surrounding whitespace is ignored; anything else (a tier name, signs, leading zeros, upper case,
     * an empty text: write {@code 0} for nothing) is refused.
     *
     * @throws IllegalArgumentException if {@code text} is neither form
     */
    public static int parseTierBits(String text) {
        Objects.requireNonNull(text, "permission text");
        String trimmed = text.strip();
        String expected = "expected a decimal integer 0..127 or letters of 'prcudxf', each at most once";
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("permission is empty (write 0 for nothing); " + expected);
        }
        if (isSignedDigits(trimmed)) {
            if (trimmed.charAt(0) == '+' || trimmed.charAt(0) == '-' || trimmed.length() > 3
                    || trimmed.length() > 1 && trimmed.charAt(0) == '0' || Integer.parseInt(trimmed) > TIER_BITS) {
                throw new IllegalArgumentException("permission '" + trimmed + "': " + expected);
            }
            return Integer.parseInt(trimmed);
        }
        int bits = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            Action action = actionLettered(trimmed.charAt(i));
            if (action == null || (bits & action.bit()) != 0) {
                throw new IllegalArgumentException("permission '" + trimmed + "': " + (action == null ? "unknown"
                        : "repeated") + " letter '" + trimmed.charAt(i) + "'; " + expected);
            }
            bits |= action.bit();
        }
        return bits;
    }

    /** {@code bits} if they are one tier's ({@code 0..127}). */
    public static int requireTierBits(int bits) {
        if (bits < 0 || bits > TIER_BITS) {
            throw new IllegalArgumentException("one tier's bits " + bits + " are outside the valid range 0..127");
        }
        return bits;
    }

    /** One tier's bits as letters, e.g. {@code 3} is {@code "pr"} and {@code 0} is {@code ""}. */
    public static String tierLetters(int bits) {
        return new Permission(requireTierBits(bits)).tierLetters(Tier.GUEST);
    }

    private static boolean isSignedDigits(String text) {
        int first = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        return first < text.length() && text.chars().skip(first).allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("permission '" + text + "': " + problem + "; " + EXPECTED);
    }

    private static Tier tierNamed(String name) {
        return switch (name) {
            case "owner" -> Tier.OWNER;
            case "group" -> Tier.GROUP;
            case "guest" -> Tier.GUEST;
            default -> null;
        };
    }

    private static Action actionLettered(char letter) {
        for (Action action : ACTIONS) {
            if (action.letter() == letter) {
                return action;
            }
        }
        return null;
    }

    /** The readable form, e.g. {@code owner:prcudxf group:pr guest:p}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(32);
        for (Tier tier : PRINT_ORDER) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(tier.label).append(':').append(tierLetters(tier));
        }
        return out.toString();
    }

    /** One tier in the readable form, e.g. {@code group:pr}. */
    public String toString(Tier tier) {
        return tier.label + ':' + tierLetters(tier);
    }

    private String tierLetters(Tier tier) {
        StringBuilder out = new StringBuilder(7);
        for (Action action : ACTIONS) {
            if (allows(tier, action)) {
                out.append(action.letter());
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permission p && p.mask == mask;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(mask);
    }
}
