// Attune inside a SCORM 1.2 learning management system. `attune package scorm` writes
// this file, with its settings, into the package, and a <script> for it into index.html
// before the app's own, so it runs first. Outside an LMS (no API found) it does nothing
// and the site is the normal site.
//
// It finds the LMS's API (the parent chain, then the opener's), calls LMSInitialize, and
// follows what the app keeps in local storage, as the app writes it:
// - a finished attempt (`attune.progress`, the documented progress file): the score,
//   the mean of presence and listening, as cmi.core.score.raw (min 0, max 100), and
//   cmi.core.lesson_status: passed or failed against the pass mark, else completed;
// - a conversation under way (`attune.conversation.<id>.<claim>`): packed (raw deflate,
//   base64) into cmi.suspend_data, never past its 4,096 characters, so a later launch,
//   on any device, takes it up where it was.
// It commits after each, and sets cmi.core.session_time, commits and finishes when the
// page is hidden or closed.
(() => {
  'use strict';
  const CONFIG = /*CONFIG*/ { passMark: null, mode: null, title: 'Attune' };
  const LIMIT = 4096;

  const find = (start) => {
    let w = start;
    for (let hops = 0; w && hops < 12; hops += 1) {
      try {
        if (w.API && typeof w.API.LMSInitialize === 'function') return w.API;
      } catch (e) {
        return null; // another origin's window: no API of ours to find there
      }
      if (!w.parent || w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  let api = find(window);
  if (!api && window.opener) api = find(window.opener);
  if (!api || String(api.LMSInitialize('')) !== 'true') return;

  const started = Date.now();
  const set = (name, value) => api.LMSSetValue(name, String(value));
  const commit = () => api.LMSCommit('');

  // The room's settings, before the app reads them.
  if (CONFIG.mode) localStorage.setItem('attune.mode', CONFIG.mode);
  if (String(api.LMSGetValue('cmi.core.lesson_status')) === 'not attempted') {
    set('cmi.core.lesson_status', 'incomplete');
  }

  // Base64 of raw deflate, with the browser's own streams.
  const through = async (stream, bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
  const pack = async (text) => {
    const bytes = await through(new CompressionStream('deflate-raw'), new TextEncoder().encode(text));
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  };
  const unpack = async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(await through(new DecompressionStream('deflate-raw'), bytes));
  };

  // The saved storage methods, so the app's writes are followed and ours are not.
  const setItem = Storage.prototype.setItem;
  const removeItem = Storage.prototype.removeItem;
  const CONVERSATION = /^attune\.conversation\.[^.]+\.[0-9a-f]+$/;

  // A launch with a kept conversation: put it back where the app looks, and open it.
  const suspended = String(api.LMSGetValue('cmi.suspend_data') || '');
  const resumed = suspended.startsWith('1:')
    ? unpack(suspended.slice(2)).then((json) => {
      const [key, text] = JSON.parse(json);
      if (CONVERSATION.test(key) && !localStorage.getItem(key)) setItem.call(localStorage, key, text);
      return key;
    }).catch(() => null)
    : Promise.resolve(null);
  // Back in storage first, then opened: whether the app started before this or after,
  // the conversation it opens finds it there.
  resumed.then((key) => {
    const id = key && key.split('.')[2];
    if (id && !location.hash.startsWith('#/play/')) location.hash = `#/play/${id}`;
  });

  let latest = Promise.resolve();
  const keepConversation = (key, text) => {
    latest = latest.then(async () => {
      const data = `1:${await pack(JSON.stringify([key, text]))}`;
      // Within the limit, or not at all (the last that fitted stays).
      if (data.length <= LIMIT) {
        set('cmi.suspend_data', data);
        commit();
      }
    }).catch(() => {});
  };

  // The attempts in the progress file: each [[attempt]] table's numbers.
  const attempts = (text) => text.split(/^\[\[attempt\]\]\s*$/m).slice(1).map((block) => {
    const num = (name) => Number((block.match(new RegExp(`^${name} = (\\d+)\\s*$`, 'm')) || [])[1]);
    return { presence: num('presence'), listening: num('listening'), finished: num('finished_at') };
  }).filter((a) => Number.isFinite(a.presence) && Number.isFinite(a.listening));

  let reported = null;
  const reportAttempt = (text) => {
    const last = attempts(text).sort((a, b) => a.finished - b.finished).pop();
    if (!last || last.finished === reported) return;
    reported = last.finished;
    const raw = Math.round((last.presence + last.listening) / 2);
    set('cmi.core.score.min', 0);
    set('cmi.core.score.max', 100);
    set('cmi.core.score.raw', raw);
    const mark = CONFIG.passMark;
    set('cmi.core.lesson_status', mark == null ? 'completed' : raw >= mark ? 'passed' : 'failed');
    commit();
  };

  Storage.prototype.setItem = function setItemFollowed(key, value) {
    setItem.call(this, key, value);
    if (this !== localStorage) return;
    if (key === 'attune.progress') reportAttempt(String(value));
    else if (CONVERSATION.test(key)) keepConversation(key, String(value));
  };
  Storage.prototype.removeItem = function removeItemFollowed(key) {
    removeItem.call(this, key);
    // The conversation ended (or was left): nothing to take up any more.
    if (this === localStorage && CONVERSATION.test(key)) {
      latest = latest.then(() => {
        set('cmi.suspend_data', '');
        commit();
      });
    }
  };

  // HHHH:MM:SS.SS, as SCORM 1.2 writes a time span.
  const span = (ms) => {
    const s = ms / 1000;
    const pad = (n, w) => String(Math.floor(n)).padStart(w, '0');
    return `${pad(s / 3600, 4)}:${pad((s % 3600) / 60, 2)}:${pad(s % 60, 2)}.${pad((ms % 1000) / 10, 2)}`;
  };
  // Hidden (another tab, the LMS's own page, a phone's lock): the time so far, kept.
  // Closed or navigated away: kept, and the session finished, once.
  const keepTime = () => {
    set('cmi.core.session_time', span(Date.now() - started));
    commit();
  };
  let finished = false;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && !finished) keepTime();
  });
  window.addEventListener('pagehide', () => {
    if (finished) return;
    finished = true;
    keepTime();
    api.LMSFinish('');
  });
})();
