import { wasAlreadyGranted } from '../already-granted'

describe('wasAlreadyGranted', () => {
  it("reads Invoke Reward Action's single result for LiveLike's 409", () => {
    expect(wasAlreadyGranted('invokeRewardAction', false, { status: 409, alreadyGranted: true })).toBe(true)
    expect(wasAlreadyGranted('invokeRewardAction', false, { status: 201, alreadyGranted: false })).toBe(false)
  })

  it("reads a batch event's own update, its actions' reasons, or LiveLike's refusal of the whole request", () => {
    expect(wasAlreadyGranted('invokeRewardAction', true, { status: 'failed', reason: 'code already used.' })).toBe(true)
    expect(
      wasAlreadyGranted('invokeRewardAction', true, {
        status: 'failed',
        reward_actions: [{ status: 'failed', reason: 'Code already used' }]
      })
    ).toBe(true)
    expect(wasAlreadyGranted('invokeRewardAction', true, { detail: 'code already used.' })).toBe(true)
    expect(
      wasAlreadyGranted('invokeRewardAction', true, {
        status: 'success',
        reward_actions: [{ status: 'success', reason: null, rewards: [] }]
      })
    ).toBe(false)
    expect(wasAlreadyGranted('invokeRewardAction', true, { status: 'success', reward_actions: 'odd' })).toBe(false)
    expect(wasAlreadyGranted('invokeRewardAction', true, { status: 'success', reward_actions: [null, 7] })).toBe(false)
  })

  it("never marks another action's answer, whatever its words", () => {
    expect(wasAlreadyGranted('sendEvent', true, { detail: 'code already used.' })).toBe(false)
    expect(wasAlreadyGranted('trackEvent', false, { alreadyGranted: true })).toBe(false)
    expect(wasAlreadyGranted('invokeRewardAction', true, undefined)).toBe(false)
  })
})
