export { createDispatcher, isChannel, type Dispatch, type Handler, type HandlerTable } from './dispatch';
export { createHandlerTable, type HandlerServices } from './handlers';
export { createSenderCheck, registerHandlers, type IpcMainLike, type InvokeEventLike } from './register';
