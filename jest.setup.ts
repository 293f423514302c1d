import nock from 'nock'

nock.disableNetConnect()

afterEach(() => {
  nock.cleanAll()
})

// Each test file loads its own copy of nock; the previous copy must let go of Node's http module.
afterAll(() => {
  nock.restore()
})
