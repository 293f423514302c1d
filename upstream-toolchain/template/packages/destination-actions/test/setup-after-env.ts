import nock from 'nock'

// What upstream's packages/destination-actions/test/setup-after-env.ts does around every destination test file.

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
  if (!nock.isActive()) {
    nock.activate()
  }
})

beforeEach(() => {
  nock.cleanAll()
})

afterAll(() => {
  nock.restore()
  nock.enableNetConnect()
  nock.cleanAll()
})
