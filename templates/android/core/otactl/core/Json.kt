package otactl.core

/**
 * A small strict JSON reader (RFC 8259) for manifests and envelopes, so the pure core runs the same
 * on a device and on a plain JDK (org.json is Android-only). Objects become Map<String, Any?>,
 * arrays List<Any?>, numbers Double (manifests stay within 2^53), true/false Boolean, null null.
 */
class JsonException(message: String) : Exception(message)

object Json {
    /**
     * Nesting bound of the documents a device reads (contract 2: the DSSE envelope, the manifest
     * payload, a nudge message): each object or array is one level, the top-level value level 1.
     */
    const val DEVICE_MAX_DEPTH = 8

    /**
     * Parses `text`, refusing it first with a linear pre-scan when it nests deeper than `maxDepth`,
     * so the recursive reader below never sees a deeper document (no stack spent on hostile input).
     */
    fun parse(text: String, maxDepth: Int = 64): Any? {
        if (!nestsWithin(text, maxDepth)) throw JsonException("nested deeper than $maxDepth levels")
        val r = Reader(text, maxDepth)
        r.ws()
        val v = r.value(1)
        r.ws()
        if (r.i != text.length) throw JsonException("trailing characters at ${r.i}")
        return v
    }

    /** Strict UTF-8 (a malformed sequence is an error, not U+FFFD), for bytes read off the network. */
    fun decodeUtf8(bytes: ByteArray): String = try {
        Charsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString()
    } catch (e: java.nio.charset.CharacterCodingException) {
        throw JsonException("not UTF-8")
    }

    /**
     * True when no '[' or '{' outside a string opens a level deeper than maxDepth. One pass, no
     * recursion, no allocation; it does not validate (the parser does that afterwards).
     */
    fun nestsWithin(text: String, maxDepth: Int): Boolean {
        var depth = 0
        var inString = false
        var escaped = false
        for (c in text) {
            if (inString) {
                when {
                    escaped -> escaped = false
                    c == '\\' -> escaped = true
                    c == '"' -> inString = false
                }
            } else when (c) {
                '"' -> inString = true
                '[', '{' -> if (++depth > maxDepth) return false
                ']', '}' -> if (depth > 0) depth--
            }
        }
        return true
    }

    private class Reader(val s: String, val maxDepth: Int) {
        var i = 0

        fun ws() {
            while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++
        }

        fun fail(what: String): Nothing = throw JsonException("$what at $i")

        fun value(depth: Int): Any? {
            if (i >= s.length) fail("unexpected end")
            return when (s[i]) {
                '{' -> obj(depth)
                '[' -> arr(depth)
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> num()
            }
        }

        fun word(w: String, v: Any?): Any? {
            if (!s.startsWith(w, i)) fail("unexpected token")
            i += w.length
            return v
        }

        /** depth: the level this object or array opens (the top-level value is level 1). */
        fun obj(depth: Int): Map<String, Any?> {
            if (depth > maxDepth) fail("nested too deep") // unreachable after the pre-scan; a backstop
            val m = LinkedHashMap<String, Any?>()
            i++
            ws()
            if (i < s.length && s[i] == '}') { i++; return m }
            while (true) {
                ws()
                if (i >= s.length || s[i] != '"') fail("expected a key")
                val k = str()
                ws()
                if (i >= s.length || s[i] != ':') fail("expected ':'")
                i++
                ws()
                if (m.containsKey(k)) fail("duplicate key \"$k\"")
                m[k] = value(depth + 1)
                ws()
                if (i < s.length && s[i] == ',') { i++; continue }
                if (i < s.length && s[i] == '}') { i++; return m }
                fail("expected ',' or '}'")
            }
        }

        fun arr(depth: Int): List<Any?> {
            if (depth > maxDepth) fail("nested too deep")
            val a = ArrayList<Any?>()
            i++
            ws()
            if (i < s.length && s[i] == ']') { i++; return a }
            while (true) {
                ws()
                a.add(value(depth + 1))
                ws()
                if (i < s.length && s[i] == ',') { i++; continue }
                if (i < s.length && s[i] == ']') { i++; return a }
                fail("expected ',' or ']'")
            }
        }

        fun str(): String {
            val b = StringBuilder()
            i++
            while (true) {
                if (i >= s.length) fail("unterminated string")
                val c = s[i++]
                when {
                    c == '"' -> return b.toString()
                    c == '\\' -> {
                        if (i >= s.length) fail("bad escape")
                        when (val e = s[i++]) {
                            '"', '\\', '/' -> b.append(e)
                            'b' -> b.append('\b')
                            'f' -> b.append('\u000C')
                            'n' -> b.append('\n')
                            'r' -> b.append('\r')
                            't' -> b.append('\t')
                            'u' -> {
                                // U+0000 and unpaired surrogates are refused as the C core refuses them
                                // (cJSON cuts a string at U+0000: "a\u0000b" and "a" would be one name there).
                                val code = escapedUnit()
                                if (code == 0 || code in 0xDC00..0xDFFF) fail("\\u0000 or a lone surrogate escape")
                                b.append(code.toChar())
                                if (code in 0xD800..0xDBFF) {
                                    if (!s.startsWith("\\u", i)) fail("a lone surrogate escape")
                                    i += 2
                                    val low = escapedUnit()
                                    if (low !in 0xDC00..0xDFFF) fail("a lone surrogate escape")
                                    b.append(low.toChar())
                                }
                            }
                            else -> fail("bad escape")
                        }
                    }
                    c < ' ' -> fail("control character in string")
                    else -> b.append(c)
                }
            }
        }

        /** The four hex digits at i, past them. Exactly four: toIntOrNull(16) alone would take "+fff" or "-001". */
        fun escapedUnit(): Int {
            if (i + 4 > s.length) fail("bad \\u escape")
            var code = 0
            for (k in 0 until 4) code = code * 16 + (hexDigit(s[i + k]) ?: fail("bad \\u escape"))
            i += 4
            return code
        }

        fun hexDigit(c: Char): Int? = when (c) {
            in '0'..'9' -> c - '0'
            in 'a'..'f' -> c - 'a' + 10
            in 'A'..'F' -> c - 'A' + 10
            else -> null
        }

        fun num(): Double {
            val start = i
            if (i < s.length && s[i] == '-') i++
            if (i < s.length && s[i] == '0') i++ else digits()
            if (i < s.length && s[i] == '.') { i++; digits() }
            if (i < s.length && (s[i] == 'e' || s[i] == 'E')) {
                i++
                if (i < s.length && (s[i] == '+' || s[i] == '-')) i++
                digits()
            }
            return s.substring(start, i).toDouble()
        }

        fun digits() {
            val start = i
            while (i < s.length && s[i] in '0'..'9') i++
            if (i == start) fail("expected a digit")
        }
    }
}
