// The web chat: posts each message or button press to /chat/messages and shows the reply, and
// shows what the bot sent while the person was away (reminders, the digest, new inbox queries)
// from /chat/notices, as soon as the person is known (as one collapsed summary) and then every
// 30 seconds. Who the person is comes from /chat/session: a signed-in session, or (on a local
// trial only) a typed name; anyone else asks about standards anonymously and is shown how to
// sign in.
// Reply HTML comes from the server already escaped (adapters/web/render.py); everything this
// script writes itself goes in as textContent.
"use strict";

(() => {
  const NAME_KEY = "harmonibot.name";
  const ENDPOINT = "/chat/messages";
  const NOTICES = "/chat/notices";
  const SESSION = "/chat/session";
  const NOTICE_POLL_MS = 30000;

  const transcript = document.getElementById("transcript");
  const conversation = document.getElementById("conversation");
  const form = document.getElementById("composer");
  const message = document.getElementById("message");
  const nameInput = document.getElementById("name");
  const status = document.getElementById("status");
  const typedName = document.getElementById("typed-name");
  const signedIn = document.getElementById("signed-in");
  const signedOut = document.getElementById("signed-out");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // Whether the name box is in use (a local trial): only then is the name remembered.
  let typedNames = false;

  // Turns go one at a time, so that replies keep the order of the questions.
  let queue = Promise.resolve();

  // Notices already shown on this page: per name, the id of the last one.
  let noticeName = "";
  let noticeCursor = 0;
  let noticesLoaded = false;
  let noticeFetch = null;
  const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

  function readName() {
    try {
      return window.localStorage.getItem(NAME_KEY) || "";
    } catch {
      return ""; // storage can be switched off; the name then lasts for this page only
    }
  }

  function saveName(name) {
    try {
      if (name) {
        window.localStorage.setItem(NAME_KEY, name);
      } else {
        window.localStorage.removeItem(NAME_KEY);
      }
    } catch {
      // nothing to do: see readName
    }
  }

  function newMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID exists only in secure contexts; a phone reaching this over plain http on the
    // local network still has getRandomValues, so build a version 4 UUID from that.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
  }

  function scrollTo(item) {
    const tall = item.offsetHeight > conversation.clientHeight;
    item.scrollIntoView({
      block: tall ? "start" : "end",
      behavior: reducedMotion.matches ? "auto" : "smooth",
    });
  }

  function addMessage(who, fill, spoken) {
    const item = document.createElement("div");
    item.className = `msg msg-${who}`;
    const speaker = document.createElement("span");
    speaker.className = "sr-only";
    speaker.textContent = spoken || (who === "user" ? "You said:" : "harmonibot said:");
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    fill(bubble);
    item.append(speaker, bubble);
    transcript.append(item);
    scrollTo(item);
    return item;
  }

  function paragraph(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  function showTyping() {
    // Hidden from screen readers: the reply itself is announced when it arrives.
    const item = document.createElement("div");
    item.className = "msg msg-bot msg-typing";
    item.setAttribute("aria-hidden", "true");
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    for (let i = 0; i < 3; i += 1) {
      bubble.append(document.createElement("span"));
    }
    item.append(bubble);
    transcript.append(item);
    scrollTo(item);
    return item;
  }

  function showError(text) {
    addMessage("bot", (bubble) => {
      bubble.classList.add("bubble-error");
      bubble.append(paragraph(text));
    });
    status.textContent = text;
  }

  async function post(body) {
    const typing = showTyping();
    try {
      const response = await fetch(ENDPOINT, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body,
      });
      let data = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      typing.remove();
      if (!response.ok || data === null) {
        const reason = data && data.error ? data.error : `the server answered ${response.status}`;
        showError(`Sorry, that did not go through: ${reason}.`);
        return;
      }
      status.textContent = "";
      addMessage("bot", (bubble) => {
        if (data.html) {
          bubble.innerHTML = data.html; // escaped by the server, see the note at the top
        } else {
          bubble.append(paragraph(data.text || ""));
        }
      });
    } catch {
      typing.remove();
      showError("Sorry, I could not reach harmonibot. Is “harmonibot serve” still running?");
    }
  }

  // Notices: what the bot sent while the person was away. Those waiting when a name is given
  // come as one collapsed "While you were away" summary, newest first, with a count; those
  // arriving later come one by one. Neither scrolls the conversation: the person may be
  // reading something else.
  const NOTICE_PAGES = 40; // pages of notices read at once before the summary is shown

  function noticeLabel(notice, heading) {
    const label = document.createElement("p");
    label.className = "notice-label";
    const what = document.createElement("span");
    what.textContent = [heading, notice.team ? "for the team" : ""].filter(Boolean).join(" · ");
    label.append(what);
    const at = new Date(notice.at);
    if (!Number.isNaN(at.getTime())) {
      const time = document.createElement("time");
      time.dateTime = notice.at;
      time.textContent = timeFormat.format(at);
      label.append(what.textContent ? " · " : "", time);
    }
    return label;
  }

  function noticeBody(notice) {
    const body = document.createElement("div");
    body.className = "notice-body";
    if (notice.html) {
      body.innerHTML = notice.html; // escaped by the server, see the note at the top
    } else {
      body.append(paragraph(notice.text || ""));
    }
    return body;
  }

  function noticeItem(spoken, fill) {
    // Built here rather than by addMessage, which scrolls to what it adds.
    const item = document.createElement("div");
    item.className = "msg msg-bot msg-notice";
    const speaker = document.createElement("span");
    speaker.className = "sr-only";
    speaker.textContent = spoken;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    fill(bubble);
    item.append(speaker, bubble);
    transcript.append(item);
    return item;
  }

  function showNotice(notice) {
    const item = noticeItem("harmonibot sent you a notification:", (bubble) => {
      bubble.append(noticeLabel(notice, "New notification"), noticeBody(notice));
    });
    item.dataset.noticeId = String(notice.id);
  }

  function showAway(notices) {
    const count = notices.length;
    const item = noticeItem("harmonibot sent you notifications while you were away:", (bubble) => {
      const details = document.createElement("details");
      details.className = "notices-away";
      const summary = document.createElement("summary");
      summary.textContent = `While you were away · ${count} ${count === 1 ? "message" : "messages"}`;
      details.append(summary);
      for (const notice of notices.slice().reverse()) {
        const entry = document.createElement("section");
        entry.className = "notice";
        entry.dataset.noticeId = String(notice.id);
        entry.append(noticeLabel(notice, ""), noticeBody(notice));
        details.append(entry);
      }
      bubble.append(details);
    });
    item.classList.add("msg-away");
  }

  async function readNotices(name, after) {
    const query = new URLSearchParams({ as: name, after: String(after) });
    const response = await fetch(`${NOTICES}?${query}`, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      return null; // asked again at the next tick
    }
    const data = await response.json();
    return data.notices || [];
  }

  async function fetchNotices() {
    const name = nameInput.value.trim();
    if (name !== noticeName) {
      // Someone else's notices start from the beginning.
      noticeName = name;
      noticeCursor = 0;
      noticesLoaded = false;
    }
    if (!name) {
      return;
    }
    try {
      if (!noticesLoaded) {
        // Everything waiting, page by page, into one summary.
        const waiting = [];
        let cursor = noticeCursor;
        for (let page = 0; page < NOTICE_PAGES; page += 1) {
          const notices = await readNotices(name, cursor);
          if (notices === null || name !== noticeName) {
            return;
          }
          const fresh = notices.filter((notice) => notice.id > cursor);
          if (!fresh.length) {
            break;
          }
          waiting.push(...fresh);
          cursor = fresh[fresh.length - 1].id;
        }
        if (waiting.length) {
          showAway(waiting);
        }
        noticeCursor = cursor;
        noticesLoaded = true;
        return;
      }
      const notices = await readNotices(name, noticeCursor);
      if (notices === null || name !== noticeName) {
        return; // the name changed while this was on its way
      }
      for (const notice of notices) {
        if (notice.id > noticeCursor) {
          showNotice(notice);
          noticeCursor = notice.id;
        }
      }
    } catch {
      // The server may be restarting; the next tick tries again.
    }
  }

  function checkNotices() {
    // One request at a time: a slow answer must not show the same notice twice.
    if (noticeFetch === null) {
      noticeFetch = fetchNotices().finally(() => {
        noticeFetch = null;
      });
    }
    return noticeFetch;
  }

  function send(text, action) {
    const name = nameInput.value.trim();
    if (typedNames) {
      saveName(name);
    }
    addMessage("user", (bubble) => bubble.append(paragraph(text)));
    const body = JSON.stringify({
      name,
      text,
      message_id: newMessageId(),
      action: action || null,
    });
    queue = queue.then(() => post(body));
    return queue;
  }

  async function whoAmI() {
    try {
      const response = await fetch(SESSION, { headers: { Accept: "application/json" } });
      if (response.ok) {
        return await response.json();
      }
    } catch {
      // shown as signed out; asking about standards still works
    }
    return { person: null, typed_names: false, single_sign_on: null };
  }

  async function start() {
    const session = await whoAmI();
    if (session.person) {
      // The session says who this is; the server ignores any name the page sends.
      nameInput.value = session.person;
      document.getElementById("person").textContent = session.person;
      signedIn.hidden = false;
    } else if (session.typed_names) {
      typedNames = true;
      nameInput.value = readName();
      typedName.hidden = false;
    } else {
      nameInput.value = "";
      signedOut.hidden = false;
      if (session.single_sign_on) {
        const sso = document.getElementById("sso");
        sso.textContent = `Sign in with ${session.single_sign_on}`;
        sso.hidden = false;
        document.getElementById("sso-or").hidden = false;
      }
    }
    checkNotices();
    window.setInterval(checkNotices, NOTICE_POLL_MS);
  }

  nameInput.addEventListener("change", () => {
    saveName(nameInput.value.trim());
    checkNotices();
  });
  nameInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      saveName(nameInput.value.trim());
      checkNotices();
      message.focus();
    }
  });
  start();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) {
      message.focus();
      return;
    }
    message.value = "";
    send(text);
    message.focus();
  });

  document.querySelector(".suggestions").addEventListener("click", (event) => {
    const chip = event.target.closest("button[data-say]");
    if (chip) {
      send(chip.dataset.say);
      message.focus();
    }
  });

  transcript.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action-id]");
    if (!button || button.disabled) {
      return;
    }
    // One press per set of buttons: the reply brings fresh buttons where more can be done.
    const group = button.closest(".hb-buttons") || button.parentElement;
    for (const other of group.querySelectorAll("button")) {
      other.disabled = true;
    }
    button.classList.add("is-pressed");
    send(button.textContent, {
      action_id: button.dataset.actionId,
      value: button.dataset.value || "",
    });
    message.focus();
  });
})();
