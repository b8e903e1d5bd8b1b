import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ChatRoom, ChatState, ChatStore } from '../../store/chat';
import type { ChatClient } from '../../sync/chat-client';

export type ChatServices = { store: ChatStore; client: ChatClient; hubUrl: string };

export const ChatContext = createContext<ChatServices | null>(null);

export function useChatServices(): ChatServices {
  const services = useContext(ChatContext);
  if (!services) throw new Error('useChat outside a signed-in session');
  return services;
}

export function useChat<T>(selector: (state: ChatState) => T): T {
  return useStore(useChatServices().store, selector);
}

export const useRoom = (taskId: string): ChatRoom | undefined => useChat((state) => state.rooms[taskId]);
