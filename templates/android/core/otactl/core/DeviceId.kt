package otactl.core

/**
 * What a device id is (contract 3), the same in every client: 1..256 bytes of UTF-8 of well-formed
 * Unicode (no lone surrogate), with no control character (U+0000..U+001F, U+007F). The cohort hash,
 * canary hashing and nudge addressing refuse any other id, so no two clients can hash one id two ways
 * (a lone surrogate has no UTF-8 form: Java would hash '?' where another client hashes U+FFFD).
 */
object DeviceId {
    const val MAX_BYTES = 256

    /** null when `id` is a device id, else why not. */
    fun problem(id: String): String? {
        var bytes = 0
        var i = 0
        while (i < id.length) {
            val c = id[i]
            when {
                c < '\u0020' || c == '\u007f' -> return "a control character (U+%04X) at index $i".format(c.toInt())
                Character.isHighSurrogate(c) -> {
                    if (i + 1 >= id.length || !Character.isLowSurrogate(id[i + 1])) return "a lone surrogate at index $i"
                    bytes += 4
                    i++
                }
                Character.isLowSurrogate(c) -> return "a lone surrogate at index $i"
                c < '\u0080' -> bytes += 1
                c < '\u0800' -> bytes += 2
                else -> bytes += 3
            }
            i++
        }
        if (bytes == 0) return "empty"
        if (bytes > MAX_BYTES) return "$bytes bytes of UTF-8, more than $MAX_BYTES"
        return null
    }

    fun isValid(id: String): Boolean = problem(id) == null

    /** Throws IllegalArgumentException naming the rule when `id` is not a device id. */
    fun require(id: String): String {
        problem(id)?.let { throw IllegalArgumentException("device id is not 1..$MAX_BYTES bytes of well-formed UTF-8 without control characters: $it") }
        return id
    }
}
