/// <reference types="@zeppos/device-types" />
/** The app shell every Zepp OS program has; the work is done in the data widget. */
App({
  globalData: {},
  onCreate() {},
  onDestroy() {},
});
