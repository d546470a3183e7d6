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
