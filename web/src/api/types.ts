/** Wire types of the API, taken from the shared zod contracts (types only: zod stays out of the bundle). */
import type { z } from 'zod';
import type { BusinessVerification as BusinessVerificationSchema, Mail as MailSchema, SocialProviders as SocialProvidersSchema } from '../../../shared/schemas/auth';
import type { AuthorizeDecision as AuthorizeDecisionSchema, AuthorizeInfo as AuthorizeInfoSchema, CredentialApplication as CredentialApplicationSchema } from '../../../shared/schemas/oauth';

export type { Account, CredentialAccount, PrivacySettings } from '../../../shared/schemas/accounts';
export type { WebSession } from '../../../shared/schemas/auth';
export type { ErrorBody } from '../../../shared/schemas/common';
export type { Token } from '../../../shared/schemas/oauth';

export type Mail = z.infer<typeof MailSchema>;
export type BusinessVerification = z.infer<typeof BusinessVerificationSchema>;
export type SocialProvider = z.infer<typeof SocialProvidersSchema>['providers'][number];
export type AuthorizeInfo = z.infer<typeof AuthorizeInfoSchema>;
export type AuthorizeDecision = z.infer<typeof AuthorizeDecisionSchema>;
export type CredentialApplication = z.infer<typeof CredentialApplicationSchema>;
export type { Status } from '../../../shared/schemas/statuses';
export type { Relationship } from '../../../shared/schemas/relationships';
import type { Notification as NotificationSchema } from '../../../shared/schemas/notifications';
import type { MediaAttachment as MediaAttachmentSchema } from '../../../shared/schemas/media';
import type { Poll as PollSchema } from '../../../shared/schemas/polls';
import type { SearchResults as SearchResultsSchema, Suggestion as SuggestionSchema, Tag as TagSchema } from '../../../shared/schemas/search';
import type { StatusEdit as StatusEditSchema, StatusSource as StatusSourceSchema } from '../../../shared/schemas/statuses';
import type { Story as StorySchema, StoryFeedItem as StoryFeedItemSchema, StoryViewer as StoryViewerSchema } from '../../../shared/schemas/stories';
export type Notification = z.infer<typeof NotificationSchema>;
export type MediaAttachment = z.infer<typeof MediaAttachmentSchema>;
export type Poll = z.infer<typeof PollSchema>;
export type Tag = z.infer<typeof TagSchema>;
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type SearchResults = z.infer<typeof SearchResultsSchema>;
export type StatusEdit = z.infer<typeof StatusEditSchema>;
export type StatusSource = z.infer<typeof StatusSourceSchema>;
export type Story = z.infer<typeof StorySchema>;
export type StoryFeedItem = z.infer<typeof StoryFeedItemSchema>;
export type StoryViewer = z.infer<typeof StoryViewerSchema>;
