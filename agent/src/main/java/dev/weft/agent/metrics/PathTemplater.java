package dev.weft.agent.metrics;

/**
 * Guesses a route template from a raw request path, for requests no framework or servlet mapping
 * names (the default servlet). A segment that looks like an identifier becomes {@value #ID}, and
 * only the first {@value #MAX_DEPTH} segments are kept:
 *
 * <pre>{@code
 * PathTemplater.template("/api/v1/users/42/orders/7f9c2ba4-e88f-11e9-81b4-2a2ae2dbcce4")  // "/api/v1/users/{id}/orders/{id}"
 * PathTemplater.template("/static/js/app.js?v=3")                                         // "/static/js/app.js"
 * PathTemplater.template("/a/b/c/d/e/f/g/h")                                              // "/a/b/c/d/e/f/**"
 * }</pre>
 *
 * A segment is replaced as a whole when it is
 * <ul>
 *   <li>made of digits and separators only ({@code 42}, {@code 2024-01-15}, {@code 10.0.0.1});</li>
 *   <li>a UUID, or 16+ hex digits ({@code 9f86d081884c7d65...});</li>
 *   <li>a token of letters and digits that looks generated: a run of 4+ digits ({@code INV2023001},
 *       {@code user12345}), letters and digits alternating 3+ times ({@code a1b2c3}, {@code 3fa85f64}),
 *       10+ characters with digits and at least a quarter capitals and a quarter small letters
 *       ({@code NffrFeUfNV2Hib}); for 16+ characters of base64url, 4 alternations;</li>
 *   <li>a version with separators ({@code v1.2.3});</li>
 *   <li>email-like (contains {@code @}, or {@code %40} when still encoded), or longer than {@value #MAX_SEGMENT} characters;</li>
 *   <li>made of parts joined by {@code - _ . : ~ + ,} of which one is such a token or 3+ digits
 *       ({@code order-12345}, {@code report_2024.pdf}), or which starts with a number ({@code 42.png}).</li>
 * </ul>
 * Words, version tokens ({@code v2}, {@code v1beta1}, {@code sha256}, {@code jquery-3.6.0.min.js})
 * and slugs without long numbers stay. A query string ({@code ?...}), fragment or path parameter
 * ({@code ;jsessionid=...}) is never kept; empty and {@code .} segments and a trailing slash are dropped.
 */
final class PathTemplater {

    static final String ID = "{id}";
    /** Deep enough for {@code /api/v1/owners/{id}/pets/{id}}; deeper paths end in {@code /**}. */
    static final int MAX_DEPTH = 6;
    static final String REST = "/**";
    static final int MAX_SEGMENT = 64;

    private PathTemplater() {}

    static String template(String path) {
        int length = endOfPath(path);
        StringBuilder route = new StringBuilder(Math.min(length, 128));
        int depth = 0;
        int start = 0;
        while (start < length) {
            int end = path.indexOf('/', start);
            if (end < 0 || end > length) {
                end = length;
            }
            int segmentEnd = endOfSegment(path, start, end);
            boolean dot = segmentEnd == start + 1 && path.charAt(start) == '.';
            if (segmentEnd > start && !dot) {
                if (depth == MAX_DEPTH) {
                    route.append(REST);
                    break;
                }
                route.append('/');
                if (isIdLike(path, start, segmentEnd)) {
                    route.append(ID);
                } else {
                    route.append(path, start, segmentEnd);
                }
                depth++;
            }
            start = end + 1;
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    /** Where the path ends: before a query string or fragment, which never reach a label. */
    private static int endOfPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return path.length();
    }

    /** A segment ends before its path parameters ({@code ;jsessionid=...}). */
    private static int endOfSegment(String path, int start, int end) {
        for (int i = start; i < end; i++) {
            if (path.charAt(i) == ';') {
                return i;
            }
        }
        return end;
    }

    static boolean isIdLike(String s, int start, int end) {
        int length = end - start;
        if (length > MAX_SEGMENT) {
            return true;
        }
        boolean onlyDigitsAndSeparators = true;
        boolean anyDigit = false;
        boolean separated = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '@' || (c == '%' && s.startsWith("%40", i))) {
                return true;
            }
            boolean digit = isDigit(c);
            boolean separator = isSeparator(c);
            anyDigit |= digit;
            separated |= separator;
            onlyDigitsAndSeparators &= digit || separator;
        }
        if (!anyDigit) {
            return length >= 16 && isHex(s, start, end);
        }
        if (onlyDigitsAndSeparators) {
            return true;
        }
        if (length == 36 && isUuid(s, start)) {
            return true;
        }
        if (!separated) {
            return isGeneratedToken(s, start, end);
        }
        if (length >= 16 && isBase64Url(s, start, end) && alternations(s, start, end) >= 4) {
            return true;
        }
        if ((s.charAt(start) == 'v' || s.charAt(start) == 'V') && onlyDigitsAndSeparators(s, start + 1, end)) {
            return true;
        }
        int partStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || isSeparator(s.charAt(i))) {
                if (i > partStart && isIdLikePart(s, partStart, i, partStart == start)) {
                    return true;
                }
                partStart = i + 1;
            }
        }
        return false;
    }

    /**
     * One part of a separated segment: a number of 3+ digits, or of any length when it opens the
     * segment ({@code 42.png}, {@code 7-blue-widget}), or a generated token.
     */
    private static boolean isIdLikePart(String s, int start, int end, boolean first) {
        boolean digits = true;
        for (int i = start; i < end; i++) {
            digits &= isDigit(s.charAt(i));
        }
        if (digits) {
            return first || end - start >= 3;
        }
        return isGeneratedToken(s, start, end);
    }

    private static boolean onlyDigitsAndSeparators(String s, int start, int end) {
        boolean separator = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isSeparator(c)) {
                separator = true;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        return separator && end > start;
    }

    /** Letters and digits with no separator: hex of 16+, 4+ digits, or 3+ alternations that are not a version. */
    private static boolean isGeneratedToken(String s, int start, int end) {
        int length = end - start;
        int digits = 0;
        int run = 0;
        int longestRun = 0;
        int upper = 0;
        int lower = 0;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
                run++;
                longestRun = Math.max(longestRun, run);
            } else if (!isLetter(c)) {
                return length >= 16 && isBase64Url(s, start, end) && alternations(s, start, end) >= 4;
            } else {
                run = 0;
                if (c <= 'Z') {
                    upper++;
                } else {
                    lower++;
                }
            }
            hex &= isHexDigit(c);
        }
        if (digits == 0) {
            return length >= 16 && hex;
        }
        if (digits == length || (length >= 16 && hex) || longestRun >= 4) {
            return true;
        }
        // base62 ids are about 40% capitals; camelCase words and acronyms rarely come with digits too
        if (length >= 10 && upper * 4 >= length && lower * 4 >= length) {
            return true;
        }
        return alternations(s, start, end) >= 3 && !isVersion(s, start, end);
    }

    /** {@code v1beta1}, {@code v2alpha3}: API versions, kept as words. */
    private static boolean isVersion(String s, int start, int end) {
        if (end - start < 2 || (s.charAt(start) != 'v' && s.charAt(start) != 'V') || !isDigit(s.charAt(start + 1))) {
            return false;
        }
        int i = start + 1;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        while (i < end && isLetter(s.charAt(i))) {
            i++;
        }
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        return i == end;
    }

    /** How often the characters switch between letters and digits ({@code a1b2} switches 3 times). */
    private static int alternations(String s, int start, int end) {
        int count = 0;
        int previous = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            int kind = isDigit(c) ? 1 : isLetter(c) ? 2 : 0;
            if (kind != 0) {
                if (previous != 0 && kind != previous) {
                    count++;
                }
                previous = kind;
            }
        }
        return count;
    }

    private static boolean isBase64Url(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && !isLetter(c) && c != '-' && c != '_' && c != '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(String s, int start) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ':' || c == '~' || c == '+' || c == ',';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
