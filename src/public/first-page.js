// The customer list's first page, asked for as soon as the document starts: the request runs
// in the main process while the app's code loads, evaluates and mounts (src/api/first-page.ts
// hands the answer to the list). A classic script, outside the bundle, so that it does not
// wait for the modules. Only for the start route with no search, scope, sort or page chosen.
;(function () {
  var hash = window.location.hash
  if (hash !== '' && hash !== '#/' && hash !== '#/customers') return
  var desk = window.desk
  if (!desk || !desk.customers || typeof desk.customers.search !== 'function') return
  var request = {
    includeArchived: false,
    archivedOnly: false,
    sort: 'updatedAt',
    limit: 50,
    offset: 0
  }
  window.__deskFirstPage = { request: request, answer: desk.customers.search(request) }
})()
