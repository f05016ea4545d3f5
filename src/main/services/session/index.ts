export { SessionService, type SessionServiceOptions } from './service';
export { SessionError } from './error';
export { generatePassword } from './passwordChange';
