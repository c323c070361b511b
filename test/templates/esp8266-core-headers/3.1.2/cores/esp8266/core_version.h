#ifndef ARDUINO_ESP8266_GIT_VER
#define ARDUINO_ESP8266_GIT_VER 0x00000000
#endif

#ifndef ARDUINO_ESP8266_GIT_DESC
#define ARDUINO_ESP8266_GIT_DESC unspecified
#endif

#ifndef ARDUINO_ESP8266_MAJOR
#define ARDUINO_ESP8266_MAJOR     0
#endif

#ifndef ARDUINO_ESP8266_MINOR
#define ARDUINO_ESP8266_MINOR     0
#endif

#ifndef ARDUINO_ESP8266_REVISION
#define ARDUINO_ESP8266_REVISION  0
#endif

// ARDUINO_ESP8266_RELEASE is defined for released versions as a string containing the version name, i.e. "2_3_0_RC1"
// ARDUINO_ESP8266_RELEASE is used in the core internally. Please use ESP.getCoreVersion() function instead.

// ARDUINO_ESP8266_RELEASE_<version number> are defined for releases, for use in #ifdef... constructs
