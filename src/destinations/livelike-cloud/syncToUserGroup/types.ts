/** One membership change as LiveLike's segment-audience-sync endpoint receives it. */
export interface UserGroupItem {
  [key: string]: unknown
  audience_id: string
  audience_name: string
  action: boolean
  timestamp: string
  user_id?: string
  livelike_profile_id?: string
  email?: string
}
