package otactl.agent

import java.io.File
import java.io.IOException
import java.io.RandomAccessFile
import java.net.HttpURLConnection
import java.net.URL
import java.security.MessageDigest
import otactl.core.BuildRef
import otactl.core.RangeResume

open class DownloadException(message: String) : IOException(message)

/** The bytes arrived but are not the manifest's build (its SHA-256): a verification failure, not a failed download. */
class VerifyException(message: String) : DownloadException(message)

/**
 * Downloads a build into app storage, resuming an interrupted download (this session's or an
 * earlier one's: the partial file stays on disk) with `Range: bytes=N-`, then checks size and
 * SHA-256. The partial file is named by the expected digest, so a resumed download can only ever
 * continue the same artifact. What a response may do with the file is RangeResume's rule (shared
 * with every client, test/vectors/resume.json): a 200 is the whole artifact written from byte 0,
 * never appended; a 206 is appended only when its Content-Range starts where the request asked and
 * its total is the manifest's size; a body longer than announced keeps nothing. Plain JVM code (no
 * Android classes): CI compiles it and runs it against a real HTTP server.
 */
class Downloader(private val dir: File) {
    fun fetch(build: BuildRef, url: URL): File {
        dir.mkdirs()
        val done = File(dir, "${build.sha256}.apk")
        if (done.length() == build.size && sha256Of(done) == build.sha256) return done
        val part = File(dir, "${build.sha256}.part")
        if (part.length() < build.size) download(build, url, part)
        if (part.length() < build.size) throw DownloadException("got ${part.length()} of ${build.size} bytes; resuming next time")
        if (part.length() > build.size) {
            part.delete() // more than the manifest's size: not this artifact
            throw DownloadException("the partial file is larger than the manifest's size ${build.size}")
        }
        val digest = sha256Of(part)
        if (digest != build.sha256) {
            part.delete()
            throw VerifyException("sha256 $digest does not match the manifest's ${build.sha256}")
        }
        if (!part.renameTo(done)) throw DownloadException("cannot move the download into place")
        return done
    }

    private fun download(build: BuildRef, url: URL, part: File) {
        val from = RangeResume.rangeFrom(part.length(), build.size)
        if (from == null) part.delete()
        val conn = url.openConnection() as HttpURLConnection
        conn.connectTimeout = 15_000
        conn.readTimeout = 30_000
        // An encoded body would make the byte offsets of Range meaningless.
        conn.setRequestProperty("Accept-Encoding", "identity")
        if (from != null) conn.setRequestProperty("Range", "bytes=$from-")
        try {
            val status = conn.responseCode
            val length = conn.getHeaderField("Content-Length")?.toLongOrNull()
            val plan = RangeResume.plan(from, build.size, status, conn.getHeaderField("Content-Range"), length)
            when (plan.action) {
                RangeResume.Action.KEEP -> throw DownloadException("GET $url answered $status")
                RangeResume.Action.DISCARD -> {
                    part.delete()
                    throw DownloadException("GET $url answered $status: ${plan.reason}; starting over next time")
                }
                RangeResume.Action.APPEND, RangeResume.Action.RESTART -> write(conn, part, plan.offset!!, plan.length!!)
            }
        } finally {
            conn.disconnect()
        }
    }

    /** Writes the body at offset (the file cut there first); more than `length` bytes keeps nothing. */
    private fun write(conn: HttpURLConnection, part: File, offset: Long, length: Long) {
        RandomAccessFile(part, "rw").use { out ->
            out.setLength(offset)
            out.seek(offset)
            conn.inputStream.use { input ->
                val buf = ByteArray(64 * 1024)
                var received = 0L
                while (true) {
                    val n = input.read(buf)
                    if (n < 0) break
                    if (received + n > length) {
                        out.setLength(0)
                        part.delete()
                        throw DownloadException("the body is longer than the $length bytes announced")
                    }
                    out.write(buf, 0, n)
                    received += n
                }
            }
        }
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
