// Reviewed stand-in for com.google.firebase:firebase-messaging: only what the agent calls.
package com.google.firebase.messaging;

public class FirebaseMessagingService extends android.app.Service {
  public FirebaseMessagingService() { throw new RuntimeException("Stub!"); }
  public void onMessageReceived(RemoteMessage message) { throw new RuntimeException("Stub!"); }
}
