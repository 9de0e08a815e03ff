import type { MessageKey } from "~/i18n/translate";
import type { ErrorCode } from "~/lib/errors";

/** Why an invitation cannot be sent or used, by error code: a title and an explanation. */
export const invitationRefusals: Partial<Record<ErrorCode, { title: MessageKey; text: MessageKey }>> = {
  delegation_lead_required: { title: "registration.invitation.inviteTitle", text: "registration.error.delegationLeadRequired" },
  invitation_rate_limited: { title: "registration.invitation.inviteTitle", text: "registration.error.invitationRateLimited" },
  registration_closed: { title: "registration.error.invitationTitle", text: "registration.error.closed" },
  invitation_wrong_person: { title: "registration.error.invitationTitle", text: "registration.error.invitationWrongPerson" },
  invitation_already_registered: { title: "registration.error.invitationTitle", text: "registration.error.invitationAlreadyRegistered" },
  invitation_expired: { title: "registration.error.invitationTitle", text: "registration.error.invitationExpired" },
  invitation_answered: { title: "registration.error.invitationTitle", text: "registration.error.invitationAnswered" },
  invitation_withdrawn: { title: "registration.error.invitationTitle", text: "registration.error.invitationWithdrawn" },
};
