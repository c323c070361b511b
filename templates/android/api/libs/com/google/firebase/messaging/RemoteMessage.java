// Reviewed stand-in for com.google.firebase:firebase-messaging (see FirebaseMessagingService.java).
package com.google.firebase.messaging;

public final class RemoteMessage {
  RemoteMessage() { throw new RuntimeException("Stub!"); }
  public java.util.Map<String, String> getData() { throw new RuntimeException("Stub!"); }
}
