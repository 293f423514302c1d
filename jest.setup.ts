import nock from 'nock'

// No test reaches the internet; tests of our own servers talk to them over loopback.
nock.disableNetConnect()
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host))

afterEach(() => {
  nock.cleanAll()
})

// Each test file loads its own copy of nock; the previous copy must let go of Node's http module.
afterAll(() => {
  nock.restore()
})
