package otactl.core

import java.time.LocalDate

/**
 * Timestamps in signed documents (contract 4): RFC 3339 in UTC only, `YYYY-MM-DDTHH:MM:SS[.frac]Z`
 * with an uppercase T and Z, a real calendar date (no Feb 31, Feb 29 only in leap years), hours
 * 00..23, minutes and seconds 00..59 (no leap second): what the TypeScript schema
 * (z.iso.datetime()) accepts, and what the C core parses to the same instant.
 */
object Timestamp {
    private val FORMAT = Regex("^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?Z$")

    /** Epoch milliseconds (a longer fraction is truncated to ms, as JavaScript's Date), or null when not such a timestamp. */
    fun epochMs(text: String): Long? {
        val g = FORMAT.matchEntire(text)?.groupValues ?: return null
        val year = g[1].toInt()
        val month = g[2].toInt()
        val day = g[3].toInt()
        val hour = g[4].toInt()
        val minute = g[5].toInt()
        val second = g[6].toInt()
        if (month !in 1..12 || day !in 1..daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null
        val millis = if (g[7].length == 0) 0 else g[7].take(3).padEnd(3, '0').toInt()
        val days = LocalDate.of(year, month, day).toEpochDay()
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis
    }

    private fun daysIn(year: Int, month: Int): Int = when (month) {
        2 -> if (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) 29 else 28
        4, 6, 9, 11 -> 30
        else -> 31
    }
}
