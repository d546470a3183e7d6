// What the start page needs from the main process, asked for as soon as the document starts:
// the requests run in the main process while the app's code loads, evaluates and mounts
// (src/api/first-page.ts hands the answers to the settings store and the list). A classic
// script, outside the bundle, so that it does not wait for the modules.
;(function () {
  var hash = window.location.hash
  var startRoute = hash === '' || hash === '#/' || hash === '#/customers'
  // the start page's picture of the list (index.html, electron/core/start-page) is for the list
  // as it starts: on any other route it is hidden before the first paint (the app removes it)
  if (!startRoute) document.documentElement.className += ' desk-no-prepaint'
  // and it never outlives the app: if the app's code failed to load, a blank page says so, a
  // picture of a list that does not respond would not
  setTimeout(function () {
    var picture = document.querySelector('.desk-prepaint')
    if (picture) picture.parentNode.removeChild(picture)
  }, 8000)
  // The app's code: with the picture, the served page names it in meta tags instead of loading
  // it (electron/core/start-page/start-page-html.ts), and it is loaded here once the picture's
  // first frame is painted, so the browser's compiling does not delay that frame; on any other
  // route it is loaded as soon as the page is parsed. The timer is the fallback for a window
  // that paints no frame (hidden): the app starts regardless.
  var appStarted = false
  function pictureSearchBox() {
    return document.querySelector('.desk-prepaint .toolbar input[type="text"]')
  }
  function startApp() {
    if (appStarted) return
    appStarted = true
    var entry = document.querySelector('meta[name="desk-app-entry"]')
    if (!entry) return
    var preload = document.querySelector('meta[name="desk-app-preload"]')
    var chunks = preload ? preload.getAttribute('content').split(' ') : []
    for (var i = 0; i < chunks.length; i++) {
      var link = document.createElement('link')
      link.rel = 'modulepreload'
      link.crossOrigin = ''
      link.href = chunks[i]
      document.head.appendChild(link)
    }
    var script = document.createElement('script')
    script.type = 'module'
    script.crossOrigin = ''
    script.src = entry.getAttribute('content')
    document.head.appendChild(script)
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (!startRoute || !document.querySelector('.desk-prepaint')) return startApp()
    // the picture's search box takes typing (below): drawn focused, as the app's box will be
    var box = pictureSearchBox()
    if (box && box.parentNode.classList) box.parentNode.classList.add('is-focus')
    window.requestAnimationFrame(function () {
      setTimeout(startApp, 0)
    })
    setTimeout(startApp, 300)
  })
  // What is typed on the start page before the app's search box exists: kept and shown in the
  // picture's box, and handed to the app's box (src/api/first-page.ts takeEarlyTyping). Only
  // plain characters and Backspace; an input method needs a focused box and starts with it.
  if (startRoute) {
    var typed = { text: '', stop: null }
    var onKey = function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
      if (event.key === 'Backspace') typed.text = typed.text.slice(0, -1)
      else if (event.key.length === 1) typed.text += event.key
      else return
      event.preventDefault()
      var box = pictureSearchBox()
      if (box) box.value = typed.text
    }
    typed.stop = function () {
      document.removeEventListener('keydown', onKey, true)
    }
    document.addEventListener('keydown', onKey, true)
    window.__deskEarlyTyping = typed
  }
  var desk = window.desk
  if (!desk) return
  // a print view (opened by main, no shell) reads no settings
  if (hash.indexOf('#/print/') === 0) return
  // the route guard waits for the settings before the first page is built
  if (desk.settings && typeof desk.settings.get === 'function') {
    window.__deskEarlySettings = desk.settings.get({})
  }
  // the customer list's first page: only for the start route with no search, scope, sort or
  // page chosen
  if (!startRoute) return
  if (!desk.customers || typeof desk.customers.search !== 'function') return
  var request = {
    includeArchived: false,
    archivedOnly: false,
    sort: 'updatedAt',
    limit: 50,
    offset: 0
  }
  window.__deskFirstPage = { request: request, answer: desk.customers.search(request) }
})()
