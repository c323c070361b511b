package otactl.agent

import java.io.File
import java.io.IOException
import java.io.RandomAccessFile
import java.net.HttpURLConnection
import java.net.URL
import java.security.MessageDigest
import otactl.core.BuildRef

class DownloadException(message: String) : IOException(message)

/**
 * Downloads a build into app storage, resuming an interrupted download (this session's or an
 * earlier one's: the partial file stays on disk) with `Range: bytes=N-`, then checks size and
 * SHA-256. The partial file is named by the expected digest, so a resumed download can only ever
 * continue the same artifact. A server that ignores Range (200) or answers with another range never
 * corrupts the file: bytes are written only at the offset the response's Content-Range names, and
 * only when its total is the manifest's size; a 200 body replaces the partial file from byte 0.
 * Plain JVM code (no Android classes): CI compiles it and runs it against a real HTTP server.
 */
class Downloader(private val dir: File) {
    fun fetch(build: BuildRef, url: URL): File {
        dir.mkdirs()
        val done = File(dir, "${build.sha256}.apk")
        if (done.length() == build.size && sha256Of(done) == build.sha256) return done
        val part = File(dir, "${build.sha256}.part")
        if (part.length() > build.size) part.delete()
        if (part.length() < build.size) download(build, url, part)
        return finish(build, part, done)
    }

    private fun download(build: BuildRef, url: URL, part: File) {
        val have = part.length()
        val conn = url.openConnection() as HttpURLConnection
        conn.connectTimeout = 15_000
        conn.readTimeout = 30_000
        // An encoded body would make the byte offsets of Range meaningless.
        conn.setRequestProperty("Accept-Encoding", "identity")
        if (have > 0) conn.setRequestProperty("Range", "bytes=$have-")
        try {
            // [start, stop): where this response's bytes go, as its status and Content-Range say.
            val (start, stop) = when (val code = conn.responseCode) {
                HttpURLConnection.HTTP_PARTIAL -> {
                    val range = ContentRange.parse(conn.getHeaderField("Content-Range"))
                        ?: throw DownloadException("206 without a usable Content-Range (\"${conn.getHeaderField("Content-Range")}\")")
                    if (range.total != build.size) throw DownloadException("Content-Range total ${range.total} is not the manifest's size ${build.size}")
                    // Only a range that continues (or restarts) the partial file can be written without a gap.
                    if (range.start != have && range.start != 0L) throw DownloadException("asked for bytes $have-, got ${range.start}-${range.end}")
                    range.start to range.end + 1
                }
                HttpURLConnection.HTTP_OK -> {
                    // Range ignored: the body is the whole artifact from byte 0.
                    val length = conn.contentLengthLong
                    if (length >= 0 && length != build.size) throw DownloadException("200 with $length bytes, the manifest says ${build.size}")
                    0L to build.size
                }
                416 -> {
                    part.delete()
                    throw DownloadException("range not satisfiable; restarting next time")
                }
                else -> throw DownloadException("GET $url answered $code")
            }
            RandomAccessFile(part, "rw").use { out ->
                out.setLength(start) // drop whatever the response does not continue
                out.seek(start)
                conn.inputStream.use { input ->
                    val buf = ByteArray(64 * 1024)
                    var total = start
                    while (true) {
                        val n = input.read(buf)
                        if (n < 0) break
                        if (total + n > stop) throw DownloadException("more bytes than the response announced (bytes $start-${stop - 1})")
                        out.write(buf, 0, n)
                        total += n
                    }
                }
            }
        } finally {
            conn.disconnect()
        }
    }

    private fun finish(build: BuildRef, part: File, done: File): File {
        if (part.length() != build.size) throw DownloadException("got ${part.length()} of ${build.size} bytes")
        val digest = sha256Of(part)
        if (digest != build.sha256) {
            part.delete()
            throw DownloadException("sha256 $digest does not match the manifest's ${build.sha256}")
        }
        if (!part.renameTo(done)) throw DownloadException("cannot move the download into place")
        return done
    }

    /** Removes every download except keep (after an install, or when the channel moved on). */
    fun prune(keep: File?) {
        dir.listFiles()?.filter { it != keep }?.forEach { it.delete() }
    }

    companion object {
        fun sha256Of(file: File): String {
            val md = MessageDigest.getInstance("SHA-256")
            file.inputStream().use { input ->
                val buf = ByteArray(64 * 1024)
                while (true) {
                    val n = input.read(buf)
                    if (n < 0) break
                    md.update(buf, 0, n)
                }
            }
            return md.digest().joinToString("") { String.format("%02x", it.toInt() and 0xff) }
        }
    }
}

/** `Content-Range: bytes START-END/TOTAL` (RFC 9110 14.4), every number known; null otherwise. */
data class ContentRange(val start: Long, val end: Long, val total: Long) {
    companion object {
        private val FORMAT = Regex("^bytes ([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18})$")

        fun parse(header: String?): ContentRange? {
            val g = FORMAT.matchEntire(header?.trim() ?: return null)?.groupValues ?: return null
            val r = ContentRange(g[1].toLong(), g[2].toLong(), g[3].toLong())
            return if (r.start <= r.end && r.end < r.total) r else null
        }
    }
}
