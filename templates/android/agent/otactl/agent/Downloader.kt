package otactl.agent

import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL
import java.security.MessageDigest
import otactl.core.BuildRef

class DownloadException(message: String) : IOException(message)

/**
 * Downloads a build into app storage, resuming an interrupted download with `Range`, then checks
 * size and SHA-256. The partial file is named by the expected digest, so a resumed download can
 * only ever continue the same artifact.
 */
class Downloader(private val dir: File) {
    fun fetch(build: BuildRef, url: URL): File {
        dir.mkdirs()
        val done = File(dir, "${build.sha256}.apk")
        if (done.length() == build.size && sha256Of(done) == build.sha256) return done
        val part = File(dir, "${build.sha256}.part")
        if (part.length() > build.size) part.delete()

        val conn = url.openConnection() as HttpURLConnection
        conn.connectTimeout = 15_000
        conn.readTimeout = 30_000
        val have = part.length()
        if (have > 0) conn.setRequestProperty("Range", "bytes=$have-")
        try {
            val append = when (conn.responseCode) {
                HttpURLConnection.HTTP_PARTIAL -> have > 0
                HttpURLConnection.HTTP_OK -> false // the server ignored Range: start over
                416 -> { part.delete(); throw DownloadException("range not satisfiable; restarting next time") }
                else -> throw DownloadException("GET $url answered ${conn.responseCode}")
            }
            conn.inputStream.use { input ->
                FileOutputStream(part, append).use { out ->
                    val buf = ByteArray(64 * 1024)
                    var total = if (append) have else 0L
                    while (true) {
                        val n = input.read(buf)
                        if (n < 0) break
                        total += n
                        if (total > build.size) throw DownloadException("more bytes than the manifest's size ${build.size}")
                        out.write(buf, 0, n)
                    }
                }
            }
        } finally {
            conn.disconnect()
        }
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
