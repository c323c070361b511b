package otactl.agent

import android.Manifest
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.PackageManager
import android.net.ConnectivityManager
import android.net.NetworkCapabilities
import android.os.BatteryManager
import android.os.Build
import android.os.StatFs
import android.telephony.TelephonyManager
import otactl.core.Conditions
import java.util.Calendar
import java.util.TimeZone

/** Reads the live conditions decide() needs; a probe that cannot answer gives null (unknown). */
class ConstraintProbes(private val context: Context) {
    fun read(): Conditions = Conditions(
        wifi = onUnmeteredWifi(),
        battery = batteryPercent(),
        charging = charging(),
        inCall = inCall(),
        freeDiskBytes = StatFs(context.filesDir.path).availableBytes,
        localMinute = localMinute()
    )

    /** The install window is in the device's own zone (Settings > Date & time, or the network's). */
    private fun localMinute(): Int {
        val now = Calendar.getInstance(TimeZone.getDefault())
        return now.get(Calendar.HOUR_OF_DAY) * 60 + now.get(Calendar.MINUTE)
    }

    /** Wi-Fi (or Ethernet) and not metered: a metered hotspot does not count as Wi-Fi. */
    private fun onUnmeteredWifi(): Boolean? {
        val cm = context.getSystemService(ConnectivityManager::class.java) ?: return null
        val caps = cm.getNetworkCapabilities(cm.activeNetwork) ?: return false
        val wifi = caps.hasTransport(NetworkCapabilities.TRANSPORT_WIFI) || caps.hasTransport(NetworkCapabilities.TRANSPORT_ETHERNET)
        return wifi && caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_NOT_METERED)
    }

    private fun batteryPercent(): Int? {
        val bm = context.getSystemService(BatteryManager::class.java) ?: return null
        val level = bm.getIntProperty(BatteryManager.BATTERY_PROPERTY_CAPACITY)
        return if (level in 0..100) level else null
    }

    private fun charging(): Boolean? {
        val status = context.registerReceiver(null, IntentFilter(Intent.ACTION_BATTERY_CHANGED)) ?: return null
        val plugged = status.getIntExtra(BatteryManager.EXTRA_PLUGGED, -1)
        return if (plugged < 0) null else plugged != 0
    }

    /** Needs READ_PHONE_STATE from API 31; without it (or without telephony) the state is unknown. */
    @Suppress("DEPRECATION")
    private fun inCall(): Boolean? {
        val tm = context.getSystemService(TelephonyManager::class.java) ?: return null
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S &&
            context.checkSelfPermission(Manifest.permission.READ_PHONE_STATE) != PackageManager.PERMISSION_GRANTED
        ) return null
        val state = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) tm.callStateForSubscription else tm.callState
        return state != TelephonyManager.CALL_STATE_IDLE
    }
}
