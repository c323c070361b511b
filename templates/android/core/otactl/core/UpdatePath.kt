package otactl.core

/**
 * The two rules that keep a device updatable (issue 16 item 10), as in src/device/boot-validation.ts,
 * src/device/resume.ts and the C core (ota_boot.c, ota_resume.c); checked by test/vectors/boot.json
 * and resume.json. Pure: the caller persists the state and performs the action.
 */

/** Boot validation: a freshly installed build is PENDING, CONFIRMED only once it has itself verified the manifest. */
object BootValidation {
    enum class Status(val wire: String) { CONFIRMED("confirmed"), PENDING("pending"), ROLLED_BACK("rolled_back") }
    enum class Action(val wire: String) { NONE("none"), MARK_VALID("mark_valid"), ROLLBACK("rollback"), REVERTED("reverted") }
    enum class EventType(val wire: String) { INSTALLED("installed"), BOOT("boot"), CHECK_OK("check_ok"), CHECK_FAILED("check_failed"), TICK("tick") }

    /** firstBootMs: wall clock of the installed build's first boot with a clock set, or null. */
    data class State(val status: Status, val boots: Int, val failures: Int, val firstBootMs: Long?)

    /** maxPendingMs 0: no time limit. */
    data class Limits(val maxBoots: Int, val maxFailures: Int, val maxPendingMs: Long)

    /** runningInstalled (BOOT only): the running build is the installed one. nowMs null: the clock is not set. */
    data class Event(val type: EventType, val nowMs: Long?, val runningInstalled: Boolean = true)

    /** reason, for ROLLBACK: "boots" | "failures" | "deadline" | "not_reverted". */
    data class Step(val state: State, val action: Action, val reason: String? = null)

    val CONFIRMED_STATE = State(Status.CONFIRMED, 0, 0, null)
    /** Three restarts, five failed checks, a day. */
    val DEFAULT_LIMITS = Limits(3, 5, 24L * 3600 * 1000)

    private fun pastDeadline(s: State, now: Long?, l: Limits) =
        l.maxPendingMs > 0 && now != null && s.firstBootMs != null && now - s.firstBootMs >= l.maxPendingMs

    private fun rollback(s: State, reason: String) = Step(s.copy(status = Status.ROLLED_BACK), Action.ROLLBACK, reason)

    fun step(s: State, e: Event, l: Limits): Step {
        if (e.type == EventType.INSTALLED) return Step(State(Status.PENDING, 0, 0, null), Action.NONE)
        when (s.status) {
            Status.CONFIRMED -> return Step(s, Action.NONE)
            Status.ROLLED_BACK -> return when {
                e.type != EventType.BOOT -> Step(s, Action.NONE)
                e.runningInstalled -> Step(s, Action.ROLLBACK, "not_reverted")
                else -> Step(CONFIRMED_STATE, Action.REVERTED)
            }
            Status.PENDING -> Unit
        }
        if (e.type == EventType.BOOT) {
            if (!e.runningInstalled) return Step(CONFIRMED_STATE, Action.REVERTED)
            val next = s.copy(boots = s.boots + 1, firstBootMs = s.firstBootMs ?: e.nowMs)
            if (next.boots > l.maxBoots) return rollback(next, "boots")
            return if (pastDeadline(next, e.nowMs, l)) rollback(next, "deadline") else Step(next, Action.NONE)
        }
        // Until the installed build has booted, checks are the old build's: they say nothing about it.
        if (s.boots == 0) return Step(s, Action.NONE)
        if (pastDeadline(s, e.nowMs, l)) return rollback(s, "deadline")
        return when (e.type) {
            EventType.CHECK_OK -> Step(CONFIRMED_STATE, Action.MARK_VALID)
            EventType.CHECK_FAILED -> {
                val next = s.copy(failures = s.failures + 1)
                if (next.failures >= l.maxFailures) rollback(next, "failures") else Step(next, Action.NONE)
            }
            else -> Step(s, Action.NONE)
        }
    }
}

/**
 * Range resume: what a download may do with the answer to its request, given the bytes of the build
 * already on disk. A 200 is the whole file from 0 (never appended); a 206 is appended only when its
 * Content-Range starts where the request asked and its total is the manifest's size.
 */
object RangeResume {
    enum class Action(val wire: String) { APPEND("append"), RESTART("restart"), KEEP("keep"), DISCARD("discard") }
    enum class Outcome(val wire: String) { COMPLETE("complete"), PARTIAL("partial"), OVERLONG("overlong"), NONE("none") }

    /** offset and length: where the body goes and how many bytes it must bring (APPEND, RESTART), else null. */
    data class Plan(val action: Action, val reason: String, val offset: Long?, val length: Long?)

    /** The Range start to ask for ("Range: bytes=<n>-"), or null: no Range, and a partial file is dropped first. */
    fun rangeFrom(have: Long, size: Long): Long? = if (have > 0 && have < size) have else null

    // Up to 15 digits: exact in a double, a Long and an int64_t alike.
    private val CONTENT_RANGE = Regex("bytes ([0-9]{1,15})-([0-9]{1,15})/([0-9]{1,15}|\\*)")

    private fun refuse(reason: String, action: Action = Action.DISCARD) = Plan(action, reason, null, null)

    /** contentRange and contentLength: the headers, null when absent. */
    fun plan(rangeFrom: Long?, size: Long, status: Int, contentRange: String?, contentLength: Long?): Plan {
        if (status == 200) {
            if (contentLength != null && contentLength != size) return refuse("total_mismatch")
            return Plan(Action.RESTART, if (rangeFrom == null) "full" else "range_ignored", 0, size)
        }
        if (status == 416) return refuse("not_satisfiable")
        if (status != 206) return refuse("status", Action.KEEP)
        if (rangeFrom == null) return refuse("unrequested_range")
        val m = CONTENT_RANGE.matchEntire(contentRange ?: "") ?: return refuse("range_mismatch")
        val start = m.groupValues[1].toLong()
        if (start != rangeFrom) return refuse("range_mismatch")
        if (m.groupValues[3] == "*" || m.groupValues[3].toLong() != size) return refuse("total_mismatch")
        val end = m.groupValues[2].toLong()
        if (end < start || end >= size) return refuse("range_mismatch")
        if (contentLength != null && contentLength != end - start + 1) return refuse("length_mismatch")
        return Plan(Action.APPEND, "resume", start, end - start + 1)
    }

    /** After `received` body bytes under p: the outcome and the bytes that stay on disk. */
    fun outcome(p: Plan, rangeFrom: Long?, size: Long, received: Long): Pair<Outcome, Long> = when (p.action) {
        Action.KEEP -> Pair(Outcome.NONE, rangeFrom ?: 0L)
        Action.DISCARD -> Pair(Outcome.NONE, 0L)
        else -> when {
            received > p.length!! -> Pair(Outcome.OVERLONG, 0L)
            p.offset!! + received == size -> Pair(Outcome.COMPLETE, size)
            else -> Pair(Outcome.PARTIAL, p.offset + received)
        }
    }
}
